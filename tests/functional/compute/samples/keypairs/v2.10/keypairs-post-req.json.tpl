{"keypair": {"name": "%(keypair_name)s", "type": "%(keypair_type)s", "user_id": "%(user_id)s"}}

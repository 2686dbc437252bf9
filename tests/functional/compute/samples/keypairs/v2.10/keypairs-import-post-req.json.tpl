{"keypair": {"name": "%(keypair_name)s", "type": "%(keypair_type)s", "public_key": "%(public_key)s", "user_id": "%(user_id)s"}}

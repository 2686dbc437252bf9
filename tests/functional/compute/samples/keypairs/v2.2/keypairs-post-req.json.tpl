{"keypair": {"name": "%(keypair_name)s", "type": "%(keypair_type)s"}}

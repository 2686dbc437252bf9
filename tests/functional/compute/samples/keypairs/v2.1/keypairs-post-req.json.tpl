{"keypair": {"name": "%(keypair_name)s"}}

{
    "keypairs": [
        {
            "keypair": {
                "fingerprint": "%(fingerprint)s",
                "name": "%(keypair_name)s",
                "public_key": "%(public_key)s"
            }
        }
    ]
}

{
    "keypairs": [
        {
            "keypair": {
                "fingerprint": "%(fingerprint)s",
                "name": "%(keypair_name)s",
                "public_key": "%(public_key)s",
                "type": "%(keypair_type)s"
            }
        }
    ],
    "keypairs_links": [
        {
            "href": "%(endpoint)s/os-keypairs?limit=1&marker=%(keypair_name)s",
            "rel": "next"
        }
    ]
}

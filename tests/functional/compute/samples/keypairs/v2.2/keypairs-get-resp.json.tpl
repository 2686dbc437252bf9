{
    "keypair": {
        "created_at": "%(strtime)s",
        "deleted": false,
        "deleted_at": null,
        "fingerprint": "%(fingerprint)s",
        "id": "%(int)s",
        "name": "%(keypair_name)s",
        "public_key": "%(public_key)s",
        "type": "%(keypair_type)s",
        "updated_at": null,
        "user_id": "%(user_id)s"
    }
}

{
    "server": {
        "name": "%(name)s",
        "imageRef": "%(image_id)s",
        "flavorRef": "1",
        "metadata": {"My Server Name": "Apache1"},
        "OS-DCF:diskConfig": "AUTO",
        "security_groups": [{"name": "default"}]
    }
}

{
    "server": {
        "OS-DCF:diskConfig": "AUTO",
        "adminPass": "%(password)s",
        "id": "%(uuid)s",
        "links": [
            {
                "href": "%(endpoint)s/servers/%(uuid)s",
                "rel": "self"
            },
            {
                "href": "%(bookmark_endpoint)s/servers/%(uuid)s",
                "rel": "bookmark"
            }
        ],
        "security_groups": [
            {
                "name": "default"
            }
        ]
    }
}

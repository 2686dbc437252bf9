{
    "servers": [
        {
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
            "name": "%(name)s"
        }
    ]
}

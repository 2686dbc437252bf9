{
    "versions": [
        {
            "id": "v2.1",
            "links": [
                {
                    "href": "%(endpoint)s/",
                    "rel": "self"
                }
            ],
            "min_version": "2.1",
            "status": "CURRENT",
            "updated": "%(isotime)s",
            "version": "2.100"
        }
    ]
}

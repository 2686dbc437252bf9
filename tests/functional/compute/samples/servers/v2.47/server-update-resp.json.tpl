{
    "server": {
        "OS-DCF:diskConfig": "AUTO",
        "accessIPv4": "4.3.2.1",
        "accessIPv6": "80fe::",
        "addresses": {
            "private": [
                {
                    "addr": "%(ip)s",
                    "version": 4
                }
            ]
        },
        "created": "%(isotime)s",
        "description": "%(description)s",
        "flavor": {
            "disk": 1,
            "ephemeral": 0,
            "extra_specs": {},
            "original_name": "m1.tiny",
            "ram": 512,
            "swap": 0,
            "vcpus": 1
        },
        "hostId": "%(hostid)s",
        "id": "%(uuid)s",
        "image": {
            "id": "%(image_id)s",
            "links": [
                {
                    "href": "%(bookmark_endpoint)s/images/%(image_id)s",
                    "rel": "bookmark"
                }
            ]
        },
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
        "locked": false,
        "metadata": {
            "My Server Name": "Apache1"
        },
        "name": "%(name)s",
        "progress": 0,
        "status": "ACTIVE",
        "tags": [],
        "tenant_id": "%(project_id)s",
        "updated": "%(isotime)s",
        "user_id": "%(user_id)s"
    }
}

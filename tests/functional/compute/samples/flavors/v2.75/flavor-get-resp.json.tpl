{
    "flavor": {
        "OS-FLV-DISABLED:disabled": false,
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "description": null,
        "disk": 1,
        "extra_specs": {},
        "id": "1",
        "links": [
            {
                "href": "%(endpoint)s/flavors/1",
                "rel": "self"
            },
            {
                "href": "%(bookmark_endpoint)s/flavors/1",
                "rel": "bookmark"
            }
        ],
        "name": "m1.tiny",
        "os-flavor-access:is_public": true,
        "ram": 512,
        "rxtx_factor": 1.0,
        "swap": 0,
        "vcpus": 1
    }
}

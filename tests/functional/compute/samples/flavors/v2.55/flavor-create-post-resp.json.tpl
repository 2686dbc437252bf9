{
    "flavor": {
        "OS-FLV-DISABLED:disabled": false,
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "description": "test description",
        "disk": 10,
        "id": "%(flavor_id)s",
        "links": [
            {
                "href": "%(endpoint)s/flavors/%(flavor_id)s",
                "rel": "self"
            },
            {
                "href": "%(bookmark_endpoint)s/flavors/%(flavor_id)s",
                "rel": "bookmark"
            }
        ],
        "name": "%(flavor_name)s",
        "os-flavor-access:is_public": true,
        "ram": 1024,
        "rxtx_factor": 2.0,
        "swap": "",
        "vcpus": 2
    }
}

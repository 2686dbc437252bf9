{
    "flavors": [
        {
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
        },
        {
            "OS-FLV-DISABLED:disabled": false,
            "OS-FLV-EXT-DATA:ephemeral": 0,
            "description": null,
            "disk": 20,
            "extra_specs": {},
            "id": "2",
            "links": [
                {
                    "href": "%(endpoint)s/flavors/2",
                    "rel": "self"
                },
                {
                    "href": "%(bookmark_endpoint)s/flavors/2",
                    "rel": "bookmark"
                }
            ],
            "name": "m1.small",
            "os-flavor-access:is_public": true,
            "ram": 2048,
            "rxtx_factor": 1.0,
            "swap": 0,
            "vcpus": 1
        },
        {
            "OS-FLV-DISABLED:disabled": false,
            "OS-FLV-EXT-DATA:ephemeral": 0,
            "description": null,
            "disk": 40,
            "extra_specs": {},
            "id": "3",
            "links": [
                {
                    "href": "%(endpoint)s/flavors/3",
                    "rel": "self"
                },
                {
                    "href": "%(bookmark_endpoint)s/flavors/3",
                    "rel": "bookmark"
                }
            ],
            "name": "m1.medium",
            "os-flavor-access:is_public": true,
            "ram": 4096,
            "rxtx_factor": 1.0,
            "swap": 0,
            "vcpus": 2
        },
        {
            "OS-FLV-DISABLED:disabled": false,
            "OS-FLV-EXT-DATA:ephemeral": 0,
            "description": null,
            "disk": 80,
            "extra_specs": {},
            "id": "4",
            "links": [
                {
                    "href": "%(endpoint)s/flavors/4",
                    "rel": "self"
                },
                {
                    "href": "%(bookmark_endpoint)s/flavors/4",
                    "rel": "bookmark"
                }
            ],
            "name": "m1.large",
            "os-flavor-access:is_public": true,
            "ram": 8192,
            "rxtx_factor": 1.0,
            "swap": 0,
            "vcpus": 4
        },
        {
            "OS-FLV-DISABLED:disabled": false,
            "OS-FLV-EXT-DATA:ephemeral": 0,
            "description": null,
            "disk": 160,
            "extra_specs": {},
            "id": "5",
            "links": [
                {
                    "href": "%(endpoint)s/flavors/5",
                    "rel": "self"
                },
                {
                    "href": "%(bookmark_endpoint)s/flavors/5",
                    "rel": "bookmark"
                }
            ],
            "name": "m1.xlarge",
            "os-flavor-access:is_public": true,
            "ram": 16384,
            "rxtx_factor": 1.0,
            "swap": 0,
            "vcpus": 8
        }
    ],
    "flavors_links": [
        {
            "href": "%(endpoint)s/flavors/detail?limit=5&marker=5",
            "rel": "next"
        }
    ]
}

{
    "flavors": [
        {
            "description": null,
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
            "name": "m1.tiny"
        },
        {
            "description": null,
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
            "name": "m1.small"
        },
        {
            "description": null,
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
            "name": "m1.medium"
        },
        {
            "description": null,
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
            "name": "m1.large"
        },
        {
            "description": null,
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
            "name": "m1.xlarge"
        }
    ],
    "flavors_links": [
        {
            "href": "%(endpoint)s/flavors?limit=5&marker=5",
            "rel": "next"
        }
    ]
}

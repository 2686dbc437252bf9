{
    "version": {
        "id": "v2.1",
        "links": [
            {
                "href": "%(endpoint)s/",
                "rel": "self"
            },
            {
                "href": "https://docs.openstack.org/",
                "rel": "describedby",
                "type": "text/html"
            }
        ],
        "media-types": [
            {
                "base": "application/json",
                "type": "application/vnd.openstack.compute+json;version=2.1"
            }
        ],
        "min_version": "2.1",
        "status": "CURRENT",
        "updated": "%(isotime)s",
        "version": "2.100"
    }
}

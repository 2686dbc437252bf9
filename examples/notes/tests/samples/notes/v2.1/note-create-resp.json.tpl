{
    "note": {
        "created_at": "%(isotime)s",
        "id": "%(uuid)s",
        "links": [
            {
                "href": "%(endpoint)s/notes/%(uuid)s",
                "rel": "self"
            },
            {
                "href": "%(bookmark_endpoint)s/notes/%(uuid)s",
                "rel": "bookmark"
            }
        ],
        "text": "%(text)s",
        "title": "%(title)s"
    }
}

{
    "notes": [
        {
            "created_at": "%(isotime)s",
            "id": "%(id)s",
            "links": [
                {
                    "href": "%(endpoint)s/notes/%(id)s",
                    "rel": "self"
                },
                {
                    "href": "%(bookmark_endpoint)s/notes/%(id)s",
                    "rel": "bookmark"
                }
            ],
            "tags": [
                "shopping",
                "weekly"
            ],
            "text": "%(text)s",
            "title": "%(title)s"
        }
    ]
}

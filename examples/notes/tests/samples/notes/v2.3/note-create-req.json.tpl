{
    "note": {
        "title": "%(title)s",
        "text": "%(text)s",
        "tags": ["shopping", "weekly"]
    }
}

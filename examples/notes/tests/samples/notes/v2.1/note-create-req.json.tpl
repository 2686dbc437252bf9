{
    "note": {
        "title": "%(title)s",
        "text": "%(text)s"
    }
}

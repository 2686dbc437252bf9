{
    "tags": [
        "tag1",
        "tag2"
    ]
}

{
    "image_id": "%(uuid)s"
}

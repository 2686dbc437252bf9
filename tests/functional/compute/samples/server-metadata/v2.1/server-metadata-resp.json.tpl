{
    "meta": {
        "foo": "%(value)s"
    }
}

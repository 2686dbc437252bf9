{
    "metadata": {
        "foo": "%(value)s"
    }
}

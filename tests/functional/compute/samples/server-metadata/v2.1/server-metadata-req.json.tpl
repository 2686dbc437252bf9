{"meta": {"foo": "%(value)s"}}

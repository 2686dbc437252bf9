{"metadata": {"foo": "%(value)s"}}

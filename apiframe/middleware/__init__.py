"""WSGI middleware of the apiframe pipeline (authentication lives in :mod:`.auth`)."""

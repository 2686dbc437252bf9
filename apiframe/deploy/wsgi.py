"""The WSGI application for gunicorn, uWSGI and mod_wsgi: ``apiframe.deploy.wsgi:application``.

``application`` is built from the files :func:`apiframe.deploy.config_files` names
(``$APIFRAME_CONFIG_FILE``, else ``/etc/apiframe/apiframe.conf`` when it exists) the first
time the name is looked up. Every WSGI server looks it up while loading the application, in
the process that will serve with it, so:

- a misconfiguration stops the server from starting instead of failing every request;
- a server that forks after loading (``gunicorn --preload``, uWSGI without ``lazy-apps``)
  shares one application whose database pool is reset in each child by the engine;
- importing the module without using ``application`` (tests, tools) builds nothing.

The database is not migrated here: run ``apiframe-manage db sync`` before starting the server.
"""

from __future__ import annotations

import functools
from typing import Any

from apiframe.app import WSGIApp, build_app
from apiframe.deploy import load_conf, setup_logging


@functools.cache
def get_application() -> WSGIApp:
    """Build (once per process) and return the application; ``cache_clear()`` forgets it."""
    setup_logging()
    return build_app(load_conf())


def __getattr__(name: str) -> Any:
    if name == "application":
        return get_application()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

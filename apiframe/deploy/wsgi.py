"""The WSGI application for gunicorn, uWSGI and mod_wsgi: ``apiframe.deploy.wsgi:application``.

The application is built from the files :func:`apiframe.deploy.config_files` names
(``$APIFRAME_CONFIG_FILE``, else ``/etc/apiframe/apiframe.conf`` when it exists), once per
process, as early as each server allows, so that a misconfiguration stops the server
instead of failing every request:

- gunicorn, and a mod_wsgi script's ``from apiframe.deploy.wsgi import application``, read
  the attribute: that builds the application while the server loads it.
- uWSGI takes ``application`` from the module's namespace without reading the attribute:
  there it is a :class:`LazyApplication`, and the module builds the application when it is
  imported inside uWSGI. With ``need-app = true`` a failure stops uWSGI.
- Anywhere else (tests, tools) importing the module builds nothing; the first request to
  :data:`application` taken from the namespace builds it.

A server that forks after loading (``gunicorn --preload``, uWSGI without ``lazy-apps``)
shares one application whose database pool is reset in each child by the engine.

The database is not migrated here: run ``apiframe-manage db sync`` before starting the server.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

from apiframe.app import WSGIApp, build_app
from apiframe.deploy import exit_on_startup_error, load_conf, setup_logging


@functools.cache
def get_application() -> WSGIApp:
    """Build (once per process) and return the application; ``cache_clear()`` forgets it."""
    setup_logging()
    with exit_on_startup_error():
        return build_app(load_conf())


class LazyApplication:
    """A WSGI callable that builds the application on its first request and hands every
    request to it."""

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Serve one request with the application, built first if need be."""
        return get_application()(environ, start_response)


class _Module(types.ModuleType):
    """This module, with ``application`` read as the built application."""

    @property
    def application(self) -> WSGIApp:
        """The built application (the namespace holds a :class:`LazyApplication`)."""
        return get_application()


application = LazyApplication()
sys.modules[__name__].__class__ = _Module

if "uwsgi" in sys.modules:  # the module uWSGI gives the Python code it hosts
    get_application()

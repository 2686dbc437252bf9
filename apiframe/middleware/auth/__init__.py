"""Authentication strategies: ``noauth``, ``http_basic`` and ``keystone``.

Every strategy is a WSGI middleware that deletes the identity headers a client sent,
then, for valid credentials, stores an :class:`~apiframe.context.Identity` in
``environ["apiframe.identity"]``. Requests without credentials pass on without one;
wrong credentials raise :class:`~apiframe.exception.Unauthorized`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apiframe.exception import StartupError
from apiframe.middleware.auth.base import AuthMiddleware, WSGIApp, strip_identity_headers
from apiframe.middleware.auth.http_basic import HttpBasicAuth
from apiframe.middleware.auth.noauth import NoAuth, check_noauth_bind, parse_noauth_token

__all__ = [
    "STRATEGIES",
    "AuthMiddleware",
    "HttpBasicAuth",
    "NoAuth",
    "build_auth_middleware",
    "check_noauth_bind",
    "parse_noauth_token",
    "strip_identity_headers",
]

STRATEGIES = ("noauth", "http_basic", "keystone")


def build_auth_middleware(strategy: str, app: WSGIApp, *, htpasswd_file: str | None = None,
                          keystone_conf: Mapping[str, Any] | None = None) -> AuthMiddleware:
    """Wrap ``app`` in the authentication middleware of ``strategy``."""
    if strategy == "noauth":
        return NoAuth(app)
    if strategy == "http_basic":
        if not htpasswd_file:
            raise StartupError("auth strategy 'http_basic' needs an htpasswd file; set the "
                               "htpasswd file option")
        return HttpBasicAuth(app, htpasswd_file)
    if strategy == "keystone":
        try:
            from apiframe.middleware.auth.keystone import KeystoneAuth
        except ImportError as exc:
            raise StartupError(f"auth strategy 'keystone' needs keystonemiddleware "
                               f"(pip install 'apiframe[keystone]'): {exc}") from exc
        return KeystoneAuth(app, keystone_conf or {})
    raise StartupError(f"unknown auth strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")

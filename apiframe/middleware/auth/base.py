"""What every authentication strategy does before it looks at credentials.

Identity headers (``X-Roles``, ``X-User-Id``, ``X-Project-Id``, ...) are only ever set
by authentication middleware. A client that sends them is trying to choose its own
identity, so each strategy deletes them from the environ first. WSGI servers fold
``X-Roles`` and ``X_Roles`` into the same ``HTTP_X_ROLES`` key, so deleting environ keys
covers both spellings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from apiframe.context import CHALLENGE_ENVIRON_KEY, IDENTITY_ENVIRON_KEY, Identity

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Challenge = tuple[tuple[str, str], ...]

IDENTITY_HEADER_PREFIXES = (
    "HTTP_X_USER",          # X-User, X-User-Id, X-User-Name, X-User-Domain-*
    "HTTP_X_PROJECT",       # X-Project-Id, X-Project-Name, X-Project-Domain-*
    "HTTP_X_TENANT",        # X-Tenant, X-Tenant-Id, X-Tenant-Name
    "HTTP_X_ROLE",          # X-Role, X-Roles
    "HTTP_X_DOMAIN",        # X-Domain-Id, X-Domain-Name
    "HTTP_X_SERVICE_",      # X-Service-Roles, X-Service-User-Id, X-Service-Catalog, ...
    "HTTP_X_IDENTITY_STATUS",
    "HTTP_X_IS_ADMIN_PROJECT",
    "HTTP_X_SYSTEM_SCOPE",
    "HTTP_OPENSTACK_SYSTEM_SCOPE",
    "HTTP_X_TRUST",
    "HTTP_X_APP_CRED",
)
# A cheap first filter: most environ keys are not X- headers at all.
_CANDIDATE_PREFIXES = ("HTTP_X_", "HTTP_OPENSTACK_SYSTEM")
# A credential the client legitimately sends (keystone service tokens), not an identity claim.
CLIENT_CREDENTIAL_HEADERS = frozenset({"HTTP_X_SERVICE_TOKEN"})


def strip_identity_headers(environ: dict[str, Any]) -> None:
    """Delete every identity header the client sent."""
    spoofed = [key for key in environ
               if key.startswith(_CANDIDATE_PREFIXES)
               and key.startswith(IDENTITY_HEADER_PREFIXES) and key not in CLIENT_CREDENTIAL_HEADERS]
    for key in spoofed:
        del environ[key]


def default_roles(user: str) -> tuple[str, ...]:
    """Roles of a user whose credentials name none: ``admin`` administers, others are members."""
    return ("admin", "member", "reader") if user == "admin" else ("member", "reader")


class AuthMiddleware:
    """Base of the strategies: strip identity headers, authenticate, pass the request on.

    Subclasses implement :meth:`authenticate` and set ``challenge`` to the headers of
    a 401 answer for their scheme (``WWW-Authenticate``).
    """

    challenge: Challenge = ()

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        strip_identity_headers(environ)
        if self.challenge:
            environ[CHALLENGE_ENVIRON_KEY] = self.challenge
        identity = self.authenticate(environ)
        if identity is not None:
            environ[IDENTITY_ENVIRON_KEY] = identity
        return self.app(environ, start_response)

    def authenticate(self, environ: dict[str, Any]) -> Identity | None:
        """The identity the request's credentials prove, ``None`` without credentials.

        Raises :class:`~apiframe.exception.Unauthorized` for credentials that are wrong.
        """
        raise NotImplementedError

"""``noauth``: trust the token to say who the caller is. For development and tests only.

The token is ``user:project[:role1,role2]``; a token without ``:`` names a user and a
project at once (clients configured with ``auth_type: none`` send ``notused``). Without
roles, ``admin`` gets ``admin,member,reader`` and anyone else ``member,reader``.
"""

from __future__ import annotations

import functools
import ipaddress
from typing import Any

from apiframe import exception
from apiframe.context import Identity
from apiframe.middleware.auth.base import AuthMiddleware, default_roles


class NoAuth(AuthMiddleware):
    """Identity from ``X-Auth-Token`` as written, without any verification."""

    def authenticate(self, environ: dict[str, Any]) -> Identity | None:
        """The identity the token names, ``None`` without a token."""
        token = environ.get("HTTP_X_AUTH_TOKEN")
        return parse_noauth_token(token) if token else None


@functools.lru_cache(maxsize=1024)
def parse_noauth_token(token: str) -> Identity:
    """Read ``user:project[:role1,role2]`` (or a bare ``user``) into an identity.

    Identities are immutable and clients repeat their token, so parses are remembered.
    """
    user, colon, rest = token.partition(":")
    project, _, role_list = rest.partition(":") if colon else (user, "", "")
    if not user or not project:
        raise exception.Unauthorized(
            f"noauth token {token!r} is malformed; send X-Auth-Token: user:project[:role1,role2]")
    roles = tuple(role.strip() for role in role_list.split(",") if role.strip()) or default_roles(user)
    return Identity(user_id=user, project_id=project, roles=roles, user_name=user, project_name=project,
                    auth_token=token)


def check_noauth_bind(host: str, force: bool) -> None:
    """Refuse to serve ``noauth`` on a non-loopback address unless ``force`` says so."""
    if force or _is_loopback(host):
        return
    raise exception.StartupError(
        f"auth strategy 'noauth' lets any client claim any identity, so it only listens on a "
        f"loopback address (127.0.0.1, ::1, localhost), not {host!r}. Use http_basic or keystone, "
        f"or force noauth explicitly on an isolated network.")


def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

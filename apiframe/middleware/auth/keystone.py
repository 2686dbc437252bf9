"""``keystone``: tokens validated by keystonemiddleware's ``auth_token``.

``auth_token`` runs with ``delay_auth_decision`` so that requests without a valid token
still reach the API, which answers 401 only for operations that need an identity (the
version documents need none). Identity headers the client sent are deleted before
``auth_token`` runs; the ones it sets afterwards become the request's :class:`Identity`.
Needs the ``keystone`` extra (keystonemiddleware).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from keystonemiddleware import auth_token

from apiframe.context import IDENTITY_ENVIRON_KEY, Identity
from apiframe.middleware.auth.base import AuthMiddleware, WSGIApp


class KeystoneAuth(AuthMiddleware):
    """Strips identity headers, then lets ``auth_token`` validate the token.

    ``conf`` holds ``auth_token``'s options (``www_authenticate_uri``, ``auth_url``,
    ``auth_type``, ``username``, ...), or ``oslo_config_config``: a ``ConfigOpts`` whose
    ``[keystone_authtoken]`` section holds them (what the application passes).
    """

    def __init__(self, app: WSGIApp, conf: Mapping[str, Any]) -> None:
        super().__init__(auth_token.AuthProtocol(_IdentityFromHeaders(app),
                                                 {**conf, "delay_auth_decision": True}))
        uri = conf.get("www_authenticate_uri") or conf.get("auth_uri")
        oslo_conf = conf.get("oslo_config_config")
        if uri is None and oslo_conf is not None:
            # auth_token has registered its options on the application's configuration.
            uri = oslo_conf.keystone_authtoken.www_authenticate_uri
        self.challenge = (("WWW-Authenticate", f'Keystone uri="{uri}"'),) if uri else ()

    def authenticate(self, environ: dict[str, Any]) -> Identity | None:
        """Nothing yet: the identity is read after ``auth_token`` has validated the token."""
        return None


class _IdentityFromHeaders:
    """Runs below ``auth_token``: turns the headers it set for a valid token into an Identity."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("HTTP_X_IDENTITY_STATUS") == "Confirmed":
            environ[IDENTITY_ENVIRON_KEY] = identity_from_headers(environ)
        return self.app(environ, start_response)


def identity_from_headers(environ: Mapping[str, Any]) -> Identity:
    """The identity ``auth_token`` describes in the environ of a confirmed request."""
    roles = environ.get("HTTP_X_ROLES", "")
    return Identity(
        user_id=environ.get("HTTP_X_USER_ID", ""),
        project_id=environ.get("HTTP_X_PROJECT_ID"),
        roles=tuple(role.strip() for role in roles.split(",") if role.strip()),
        user_name=environ.get("HTTP_X_USER_NAME"),
        project_name=environ.get("HTTP_X_PROJECT_NAME"),
        user_domain_id=environ.get("HTTP_X_USER_DOMAIN_ID"),
        project_domain_id=environ.get("HTTP_X_PROJECT_DOMAIN_ID"),
        domain_id=environ.get("HTTP_X_DOMAIN_ID"),
        system_scope=environ.get("HTTP_OPENSTACK_SYSTEM_SCOPE"),
        is_admin_project=environ.get("HTTP_X_IS_ADMIN_PROJECT", "True") != "False",
        auth_token=environ.get("HTTP_X_AUTH_TOKEN"),
    )

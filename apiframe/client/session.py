"""The transport: a keystoneauth1 Session with the right auth plugin, from arguments or the environment.

Authentication is always a keystoneauth auth plugin:

* development (``token="user:project[:roles]"`` with a fixed ``endpoint``): the plugin
  that sends a given token to a given endpoint;
* HTTP basic (``username``/``password`` with an ``endpoint``): ``keystoneauth1.http_basic``;
* keystone (``auth_url`` with a password, a token or an application credential): the
  identity plugins, whose service catalog gives each service's endpoint.

The session carries TLS settings, the ``apiframe-client/<version>`` User-Agent beside
keystoneauth's own, and its redacted debug logging; retries and the global request id
are set on each service's adapter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from keystoneauth1 import plugin
from keystoneauth1 import session as ksa_session

from apiframe.client.errors import ClientError, InvalidArgument, translating

APP_NAME = "apiframe-client"


def client_version() -> str:
    """The installed version of apiframe, for the User-Agent."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("apiframe")
    except PackageNotFoundError:
        return "0"


class Anonymous(plugin.FixedEndpointPlugin):
    """No credentials at all, to a fixed endpoint (keystoneauth's ``noauth`` sends a dummy token)."""

    def get_headers(self, session: Any) -> dict[str, str]:
        """No authentication headers (an empty dict means "none needed" to keystoneauth)."""
        return {}


@dataclass
class Settings:
    """Everything a connection can be configured with; see :class:`apiframe.client.Connection`."""

    endpoint: str | None = None
    token: str | None = None
    username: str | None = None
    password: str | None = None
    auth_url: str | None = None
    project_name: str | None = None
    project_id: str | None = None
    user_domain_name: str | None = None
    user_domain_id: str | None = None
    project_domain_name: str | None = None
    project_domain_id: str | None = None
    application_credential_id: str | None = None
    application_credential_name: str | None = None
    application_credential_secret: str | None = None
    interface: str = "public"
    region_name: str | None = None
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None
    timeout: float | None = None
    connect_retries: int = 2
    status_code_retries: int = 2
    global_request_id: str | None = None
    microversion: str | Mapping[str, str] | None = None
    min_microversion: str | Mapping[str, str] | None = None
    endpoint_overrides: dict[str, str] = field(default_factory=dict)


def make_auth(settings: Settings) -> Any:
    """The keystoneauth auth plugin the settings ask for."""
    if settings.auth_url:
        return _keystone_auth(settings)
    if settings.endpoint is None:
        raise InvalidArgument("give an endpoint (development or HTTP basic auth), an auth_url (keystone), "
                              "a session, or the matching OS_* environment variables")
    if settings.username is not None or settings.password is not None:
        if settings.username is None or settings.password is None:
            raise InvalidArgument("HTTP basic auth needs both username and password")
        from keystoneauth1 import http_basic

        return http_basic.HTTPBasicAuth(endpoint=settings.endpoint, username=settings.username,
                                        password=settings.password)
    if settings.token is not None:
        from keystoneauth1 import token_endpoint

        return token_endpoint.Token(settings.endpoint, settings.token)
    return Anonymous(endpoint=settings.endpoint)


def _keystone_auth(settings: Settings) -> Any:
    from keystoneauth1.identity import generic, v3

    scope = {"project_name": settings.project_name, "project_id": settings.project_id,
             "project_domain_name": settings.project_domain_name,
             "project_domain_id": settings.project_domain_id}
    scope = {key: value for key, value in scope.items() if value is not None}
    if settings.application_credential_id or settings.application_credential_name:
        if not settings.application_credential_secret:
            raise InvalidArgument("an application credential needs its secret")
        return v3.ApplicationCredential(
            auth_url=settings.auth_url, application_credential_id=settings.application_credential_id,
            application_credential_name=settings.application_credential_name,
            application_credential_secret=settings.application_credential_secret,
            username=settings.username, user_domain_name=settings.user_domain_name,
            user_domain_id=settings.user_domain_id)
    if settings.token is not None:
        return generic.Token(auth_url=settings.auth_url, token=settings.token, **scope)
    if settings.username is None or settings.password is None:
        raise InvalidArgument("keystone auth needs username and password, a token, or an application credential")
    return generic.Password(auth_url=settings.auth_url, username=settings.username, password=settings.password,
                            user_domain_name=settings.user_domain_name, user_domain_id=settings.user_domain_id,
                            **scope)


def make_session(settings: Settings, http: Any = None) -> Any:
    """A keystoneauth1 Session for the settings; ``http``: the ``requests.Session`` under it."""
    with translating():
        return ksa_session.Session(auth=make_auth(settings), session=http, verify=settings.verify,
                                   cert=settings.cert, timeout=settings.timeout, app_name=APP_NAME,
                                   app_version=client_version())


#: ``OS_*`` variables and the setting each fills.
ENVIRONMENT = {
    "OS_ENDPOINT": "endpoint", "OS_TOKEN": "token", "OS_USERNAME": "username", "OS_PASSWORD": "password",
    "OS_AUTH_URL": "auth_url", "OS_PROJECT_NAME": "project_name", "OS_PROJECT_ID": "project_id",
    "OS_USER_DOMAIN_NAME": "user_domain_name", "OS_USER_DOMAIN_ID": "user_domain_id",
    "OS_PROJECT_DOMAIN_NAME": "project_domain_name", "OS_PROJECT_DOMAIN_ID": "project_domain_id",
    "OS_APPLICATION_CREDENTIAL_ID": "application_credential_id",
    "OS_APPLICATION_CREDENTIAL_NAME": "application_credential_name",
    "OS_APPLICATION_CREDENTIAL_SECRET": "application_credential_secret",
    "OS_INTERFACE": "interface", "OS_REGION_NAME": "region_name", "OS_CACERT": "verify",
}


def settings_from_env(environ: Mapping[str, str] | None = None, **overrides: Any) -> tuple[Settings, Any]:
    """Settings from ``OS_*`` variables, or from ``clouds.yaml`` when ``OS_CLOUD`` names a cloud.

    ``OS_CLIENT_CONFIG_FILE`` names the ``clouds.yaml`` to read (default: openstacksdk's
    search path).
    Returns the settings and, for a cloud, the session openstacksdk's loader made
    (``None`` otherwise). ``overrides`` win over the environment.
    """
    environ = os.environ if environ is None else environ
    cloud = overrides.pop("cloud", None) or environ.get("OS_CLOUD")
    if cloud:
        return _from_cloud(cloud, environ.get("OS_CLIENT_CONFIG_FILE"), overrides)
    values: dict[str, Any] = {setting: environ[name] for name, setting in ENVIRONMENT.items() if environ.get(name)}
    if environ.get("OS_INSECURE", "").lower() in ("1", "true", "yes"):
        values["verify"] = False
    if environ.get("OS_CERT"):
        values["cert"] = (environ["OS_CERT"], environ["OS_KEY"]) if environ.get("OS_KEY") else environ["OS_CERT"]
    return _settings({**values, **overrides}), None


def _from_cloud(cloud: str, config_file: str | None, overrides: dict[str, Any]) -> tuple[Settings, Any]:
    try:
        from openstack import config as sdk_config
    except ImportError:
        raise ClientError(f"cloud {cloud!r} is named, but reading clouds.yaml needs openstacksdk's config "
                          "loader (pip install openstacksdk)") from None
    with translating():
        try:
            loader = sdk_config.OpenStackConfig(load_envvars=False,
                                                config_files=[config_file] if config_file else None)
            region = loader.get_one(cloud)
        except Exception as exc:  # the loader's own errors (unknown cloud, bad file)
            raise ClientError(f"cloud {cloud!r}: {exc}") from None
        session = region.get_session()
    settings = _settings({"interface": region.get_interface() or "public",
                          "region_name": region.get_region_name() or None, **overrides})
    return settings, session


def _settings(values: Mapping[str, Any]) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise InvalidArgument(f"unknown connection setting(s): {', '.join(unknown)}")
    return Settings(**values)

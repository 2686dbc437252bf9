"""The connection: one keystoneauth session, one proxy per service, made on first use.

::

    conn = Connection(endpoint="http://127.0.0.1:8774", token="admin:admin")
    for server in conn.compute.servers():
        print(server.name, server.status)

Proxies come from the ``apiframe.client.proxies`` entry points (``conn.compute``,
``conn.notes``), extended by ``apiframe.client.extensions``; each is bound to its
service's versioned root, found from the endpoint given or the service catalog, and
asks for the microversion negotiated with the server's version document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apiframe.client import plugins
from apiframe.client.discovery import discover, negotiate
from apiframe.client.errors import ClientError, InvalidArgument, translating
from apiframe.client.proxy import Proxy
from apiframe.client.resource import Resource
from apiframe.client.session import Settings, _settings, make_session, settings_from_env


class Connection:
    """A session and the proxies of the services it calls.

    Made with development auth (``endpoint`` + ``token="user:project[:roles]"``; the
    endpoint may be the service root or its versioned root), HTTP basic auth
    (``endpoint`` + ``username`` + ``password``), keystone (``auth_url`` + ``username``
    + ``password`` + ``project_name`` + domains, or ``token``, or
    ``application_credential_id`` + ``application_credential_secret``), an existing
    keystoneauth ``session`` or ``adapter``, or :meth:`from_env`.

    ``microversion`` pins the microversion (a string for every service, or a mapping
    by proxy name); ``min_microversion`` refuses a server older than that. Without them
    each proxy uses the highest microversion both it and the server know.
    ``proxies`` maps proxy names to :class:`Proxy` classes instead of the installed
    entry points (a plugin under test that is not installed).
    """

    def __init__(self, *, session: Any = None, adapter: Any = None,
                 proxies: Mapping[str, type[Proxy]] | None = None, **settings: Any) -> None:
        self.settings: Settings = _settings(settings)
        if adapter is not None:
            session = adapter.session
            if adapter.endpoint_override and adapter.service_type:
                self.settings.endpoint_overrides.setdefault(adapter.service_type, adapter.endpoint_override)
            self.settings.interface = adapter.interface or self.settings.interface
            self.settings.region_name = adapter.region_name or self.settings.region_name
            self.settings.global_request_id = adapter.global_request_id or self.settings.global_request_id
        self._owns_session = session is None
        self.session = make_session(self.settings) if session is None else session
        self._classes = None if proxies is None else dict(proxies)
        self._composed: dict[str, type[Proxy]] = {}
        self._extension_points: dict[str, Any] = {}
        self._extensions: dict[str, type] | None = None
        self._proxies: dict[str, Proxy] = {}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Connection:
        """A connection configured by ``OS_*`` variables (or ``OS_CLOUD``'s ``clouds.yaml`` entry).

        ``OS_ENDPOINT`` + ``OS_TOKEN`` give development auth, ``OS_ENDPOINT`` +
        ``OS_USERNAME`` + ``OS_PASSWORD`` HTTP basic, ``OS_AUTH_URL`` and the usual
        variables keystone. Keywords override the environment.
        """
        proxies = overrides.pop("proxies", None)
        settings, session = settings_from_env(environ, **overrides)
        return cls(session=session, proxies=proxies, **vars(settings))

    # --- proxies -------------------------------------------------------------------------------

    def _proxy_classes(self) -> dict[str, Any]:
        if self._classes is None:
            self._classes, self._extension_points = plugins.installed()
        return self._classes

    def __getattr__(self, name: str) -> Proxy:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.proxy(name)

    def proxy(self, name: str) -> Proxy:
        """The proxy called ``name`` (``compute``), made and negotiated on first use."""
        made = self._proxies.get(name)
        if made is not None:
            return made
        classes = self._proxy_classes()
        if name not in classes:
            raise AttributeError(f"no client proxy {name!r} is installed (installed: "
                                 f"{', '.join(sorted(classes)) or 'none'})")
        made = self._proxies[name] = self._make(name, self._class(name))
        return made

    def _class(self, name: str) -> type[Proxy]:
        """The proxy class of ``name``, with the installed extensions of an entry point proxy."""
        composed = self._composed.get(name)
        if composed is None:
            entry = self._proxy_classes()[name]
            if isinstance(entry, type):
                composed = entry
            else:
                if self._extensions is None:
                    self._extensions = plugins.load_extensions(self._extension_points)
                composed = plugins.compose(name, plugins.load(entry), self._extensions)
            self._composed[name] = composed
        return composed

    def _make(self, name: str, cls: type[Proxy]) -> Proxy:
        from keystoneauth1.adapter import Adapter

        description = cls.description
        service_url = description.service_url(self._endpoint(description.service_type))
        settings = self.settings
        adapter = Adapter(self.session, service_type=description.service_type, interface=settings.interface,
                          region_name=settings.region_name, endpoint_override=service_url,
                          connect_retries=settings.connect_retries,
                          status_code_retries=settings.status_code_retries, retriable_status_codes=[503],
                          global_request_id=settings.global_request_id, raise_exc=False)
        info = discover(self.session, description, service_url)
        version = negotiate(info, cls.client_max(), service=name, pinned=_for(settings.microversion, name),
                            minimum=_for(settings.min_microversion, name))
        return cls(adapter, microversion=version, version_info=info)

    def _endpoint(self, service_type: str) -> str:
        settings = self.settings
        override = settings.endpoint_overrides.get(service_type) or settings.endpoint
        if override:
            return override
        with translating():
            url = self.session.get_endpoint(service_type=service_type, interface=settings.interface,
                                            region_name=settings.region_name)
        if not url:
            raise ClientError(f"the service catalog has no {settings.interface} endpoint of type {service_type!r}"
                              + (f" in region {settings.region_name}" if settings.region_name else ""))
        return url

    def proxy_for(self, resource: type[Resource]) -> Proxy:
        """The proxy that serves ``resource`` (resource actions take a connection)."""
        for proxy in self._proxies.values():
            if resource in proxy.declared("resources"):
                return proxy
        for name in self._proxy_classes():
            if name not in self._proxies and resource in self._class(name).declared("resources"):
                return self.proxy(name)
        raise InvalidArgument(f"no installed client proxy serves {resource.__name__}")

    # --- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP connections of a session this connection made."""
        if self._owns_session:
            self.session.session.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _for(value: str | Mapping[str, str] | None, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.get(name)

"""The app fixture: the real WSGI application, built in-process for one test.

:class:`AppFixture` builds the application exactly as ``apiframe-api serve`` does
(plugins from entry points, policy, middleware), with a temporary directory, a
throw-away database, configuration written to a real config file and policy overrides
written to a real policy file. It works as a context manager (``with AppFixture(...)``),
with explicit :meth:`~AppFixture.start`/:meth:`~AppFixture.stop`, from the pytest
fixtures of :mod:`apiframe.testing.pytest_plugin` and from
:class:`apiframe.testing.APITestCase`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from oslo_config import cfg

from apiframe.api_version import VersionHistory
from apiframe.app import API, build_api, configured_definition, load_plugins, wrap
from apiframe.conf import make_conf
from apiframe.definition import APIDefinition
from apiframe.extensions import Extension, PluginContext, load_extensions, order_plugins
from apiframe.testing.client import HOST_URL, Client
from apiframe.testing.database import DATABASE_ENV, ThrowAwayDatabase
from apiframe.testing.personas import DEFAULT_PROJECT_ID, Persona
from apiframe.testing.personas import persona as find_persona

PluginChoice = str | type[Extension]
Config = Mapping[str, Mapping[str, Any]]

#: How long the policy file is trusted before it is looked at again; :meth:`AppFixture.set_policy`
#: reloads at once, so tests never wait for it.
_POLICY_RELOAD_INTERVAL = 3600.0


class AppFixture:
    """One application under test, with everything it owns thrown away afterwards.

    The API served is the one ``config`` selects with ``{"api": {"name": ...}}`` (the
    compute API by default). ``plugins``: ``None`` loads every installed plugin of that
    API's entry point group; otherwise a list of entry point names and/or
    :class:`~apiframe.extensions.Extension` subclasses (handy for a plugin that is not
    installed). ``history``: a :class:`VersionHistory` to serve instead of the API's own.
    ``config``: option overrides, ``{"group": {"option": value}}``, including groups that
    plugins register later. ``policy``: rule overrides, ``{"rule": "check string"}``.
    ``database``: a server URL to create a throw-away database on (default: a SQLite
    file, or ``$APIFRAME_TEST_DATABASE``). ``project_id``: the project of the ``member``
    and ``reader`` personas. ``prepare``: called with the configuration before the app is
    built, to do what a deployment does before it serves (migrate the database, load
    fixtures). Responses are checked against their schemas
    (``[api] response_validation = error``) unless ``config`` says otherwise.
    """

    def __init__(self, plugins: Sequence[PluginChoice] | None = None, *, history: VersionHistory | None = None,
                 config: Config | None = None, policy: Mapping[str, str] | None = None,
                 database: str | None = None, project_id: str = DEFAULT_PROJECT_ID,
                 prepare: Callable[[cfg.ConfigOpts], object] | None = None) -> None:
        self.plugin_choice = None if plugins is None else list(plugins)
        self.history = history
        self.config = {group: dict(options) for group, options in (config or {}).items()}
        self.policy = dict(policy or {})
        self.database_server = database if database is not None else os.environ.get(DATABASE_ENV) or None
        self.project_id = project_id
        self.prepare = prepare
        self.directory: str | None = None
        self.conf: cfg.ConfigOpts | None = None
        self.context: PluginContext | None = None
        self.api: API | None = None
        self.app: Any = None
        self._database: ThrowAwayDatabase | None = None

    def start(self) -> AppFixture:
        """Create the directory and database, write config and policy, build the app."""
        if self.app is not None:
            return self
        self.directory = tempfile.mkdtemp(prefix="apiframe-test-")
        try:
            self._database = ThrowAwayDatabase(self.directory, self.database_server)
            database_url = self._database.create()
            self.conf = make_conf(config_files=[self._write_config(database_url)])
            self._write_policy(self.policy)
            if self.prepare is not None:
                self.prepare(self.conf)
            self.context = PluginContext(conf=self.conf)
            definition = configured_definition(self.conf).with_history(self.history)
            self.api = build_api(self.conf, plugins=self._load_plugins(definition), definition=definition)
            self.api.start()
            self.app = wrap(self.api.router, self.conf, definition)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Run the plugins' stop hooks, close the services they left, drop the database,
        remove the directory."""
        if self.api is not None:
            self.api.stop()
        if self.context is not None:
            for service in self.context.services.values():
                close = getattr(service, "close", None)
                if callable(close):
                    close()
        if self._database is not None:
            self._database.drop()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
        self.app = self.api = self.context = self.conf = self._database = self.directory = None

    def __enter__(self) -> AppFixture:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def database_url(self) -> str:
        """The URL of this application's database (``[database] connection``)."""
        return self._started().conf.database.connection

    @property
    def services(self) -> dict[str, Any]:
        """The per-application services the plugins keep (``PluginContext.services``)."""
        return self._started().context.services

    def client(self, persona: str | Persona = "member", *, version: str | None = None,
               project_in_url: bool = False) -> Client:
        """A :class:`Client` of this application acting as ``persona`` at ``version``."""
        definition = self._started().api.definition
        return Client(self.app, persona=persona, version=version, service_type=definition.service_type,
                      prefix=definition.prefix, project_id=self.project_id, project_in_url=project_in_url)

    def connection(self, persona: str | Persona = "member", *, microversion: str | None = None,
                   proxies: Mapping[str, Any] | None = None, **settings: Any) -> Any:
        """An :class:`apiframe.client.Connection` of this application acting as ``persona``.

        Requests take the client's real path (keystoneauth1 session and adapter,
        discovery, microversion negotiation) and reach the application in-process, with
        no socket. ``microversion`` pins one; ``proxies`` are proxy classes by name instead of
        the installed ones; ``settings`` are further connection settings.
        """
        from apiframe.client import Connection
        from apiframe.client.session import Settings, make_session
        from apiframe.testing.wsgi_transport import wsgi_session

        who = find_persona(persona, self.project_id)
        options = Settings(endpoint=HOST_URL, token=who.token, microversion=microversion, connect_retries=0,
                           status_code_retries=0, **settings)
        session = make_session(options, http=wsgi_session(self._started().app, HOST_URL + "/"))
        return Connection(session=session, proxies=proxies, **vars(options))

    def set_policy(self, rules: Mapping[str, str]) -> None:
        """Replace the policy overrides while the application runs; effective at once."""
        self.policy = dict(rules)
        self._write_policy(self.policy)
        self._started().api.policy.reload()

    def _started(self) -> Any:
        if self.app is None:
            raise RuntimeError("the AppFixture is not started; call start() or use it in a 'with' block")
        return self

    def _load_plugins(self, definition: APIDefinition) -> list[Extension]:
        if self.plugin_choice is None:
            return load_plugins(self.conf, definition, self.context)
        names = [p for p in self.plugin_choice if isinstance(p, str)]
        classes = [p for p in self.plugin_choice if not isinstance(p, str)]
        loaded = load_extensions(names, self.context, namespace=definition.plugin_group) if names else []
        return order_plugins([*loaded, *(plugin_class(self.context) for plugin_class in classes)])

    def _write_config(self, database_url: str) -> str:
        settings: dict[str, dict[str, Any]] = {
            "api": {"response_validation": "error", "policy_file": self._policy_path(),
                    "policy_reload_interval": _POLICY_RELOAD_INTERVAL},
            "auth": {"strategy": "noauth"},
            "database": {"connection": database_url, "data_dir": self.directory},
        }
        for group, options in self.config.items():
            settings.setdefault(group, {}).update(options)
        path = os.path.join(self.directory, "apiframe.conf")
        with open(path, "w", encoding="utf-8") as config_file:
            for group, options in settings.items():
                config_file.write(f"[{group}]\n")
                for name, value in options.items():
                    if value is not None:
                        config_file.write(f"{name} = {_config_value(value)}\n")
        return path

    def _policy_path(self) -> str:
        return os.path.join(self.directory, "policy.yaml")

    def _write_policy(self, rules: Mapping[str, str]) -> None:
        # JSON is YAML, and needs no YAML writer.
        with open(self._policy_path(), "w", encoding="utf-8") as policy_file:
            json.dump(dict(rules), policy_file)


def _config_value(value: Any) -> str:
    """An option value as oslo.config reads it from a file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return ",".join(f"{key}:{item}" for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return ",".join(str(item) for item in value)
    return str(value).replace("\n", "\n    ")

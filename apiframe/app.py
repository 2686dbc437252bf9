"""Build the WSGI application: plugins → operations → routes → middleware.

The middleware order, outermost first, and why:

1. ``RequestId`` — every response, even the last-resort fault, carries the request id;
   ``AccessLog`` just inside it logs one line per request with that id and the final status;
2. ``FaultWrapper`` — any error raised below becomes a fault in the API's vocabulary;
3. healthcheck — answered before auth so load balancers need no credentials;
4. ``BodySizeLimit`` — refuse oversized bodies before anything reads them;
5. CORS (optional) — preflight requests carry no credentials;
6. authentication — establishes the identity (or none); the operation decides if it needs one;
7. ``APIRouter`` — microversion, policy, validation, controller.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from apiframe.api_version import STANDARD_HEADER, VersionHistory
from apiframe.apidocs import DocsPage, OpenAPIController
from apiframe.assembly import Assembler, Assembly, all_versions
from apiframe.context import RequestContext
from apiframe.data import Data, collect_data
from apiframe.definition import APIDefinition, load_definition
from apiframe.extensions import Extension, PluginContext, load_extensions
from apiframe.faults import FaultWrapper
from apiframe.middleware.access_log import AccessLog
from apiframe.middleware.auth import build_auth_middleware
from apiframe.middleware.request_id import RequestId
from apiframe.middleware.sizelimit import BodySizeLimit
from apiframe.openapi import render_openapi
from apiframe.policy import PolicyEngine, collect_rules
from apiframe.resource import Services, version_headers
from apiframe.router import APIRouter, Route, RouteTable
from apiframe.versions import SURFACE_HEADER, ExtensionInfo, VersionsController

#: Where each API serves its OpenAPI document, under its prefix.
OPENAPI_PATH = "/openapi.json"

WSGIApp = Callable[..., Any]


@dataclass
class API:
    """An assembled API: the router, and what start-up learned, for tools and docs."""

    router: APIRouter
    assembly: Assembly
    plugins: list[Extension]
    policy: PolicyEngine
    history: VersionHistory
    context: PluginContext
    definition: APIDefinition
    policy_defaults: list[oslo_policy.RuleDefault] = field(default_factory=list)

    def start(self) -> None:
        """Run every plugin's start hook, in load order: the application is about to serve."""
        for plugin in self.plugins:
            plugin.start()

    def stop(self) -> None:
        """Run every plugin's stop hook, in reverse load order: the application is torn down."""
        for plugin in reversed(self.plugins):
            plugin.stop()

    @property
    def data(self) -> list[Data]:
        """The data sets the API and its loaded plugins keep (see :mod:`apiframe.data`)."""
        return data_of(self.definition, self.plugins)


def configured_definition(conf: cfg.ConfigOpts) -> APIDefinition:
    """The API definition ``[api] name`` selects."""
    return load_definition(conf.api.name)


def load_plugins(conf: cfg.ConfigOpts, definition: APIDefinition, context: PluginContext) -> list[Extension]:
    """The plugins ``[api] enabled_plugins`` names (all installed ones if unset) in the API's plugin group."""
    return load_extensions(conf.api.enabled_plugins, context, skip_failed=conf.api.skip_failed_plugins,
                           namespace=definition.plugin_group)


def data_of(definition: APIDefinition, plugins: Sequence[Extension]) -> list[Data]:
    """The data sets an API and the given plugins keep."""
    return collect_data([definition.data, *(plugin.data for plugin in plugins)])


def build_api(conf: cfg.ConfigOpts, *, plugins: Sequence[Extension] | None = None,
              history: VersionHistory | None = None, context: PluginContext | None = None,
              definition: APIDefinition | None = None) -> API:
    """Load plugins and compile the API; raise ``StartupError`` on any inconsistency.

    ``definition`` defaults to the one ``[api] name`` selects; ``history``, when given,
    replaces its version history. Pass ``context`` when ``plugins`` were instantiated
    by the caller with it.
    """
    definition = (definition or configured_definition(conf)).with_history(history)
    history = definition.history
    context = context or PluginContext(conf=conf)
    if plugins is None:
        plugins = load_plugins(conf, definition, context)
    extension_info = ExtensionInfo(context, plugins, definition)
    all_plugins = [*plugins, extension_info]
    defaults = collect_rules(all_plugins)
    engine = PolicyEngine(defaults, conf.api.policy_file, reload_interval=conf.api.policy_reload_interval)
    services = Services(
        history=history,
        policy=engine,
        make_context=lambda identity, request_id: RequestContext.from_identity(identity, request_id, engine),
        version_headers={v: version_headers(history, v) for v in all_versions(history)},
        prefix=definition.prefix,
        faults=definition.faults,
        body_media_types=definition.body_media_types,
    )
    assembler = Assembler(all_plugins, history, services, conf.api.response_validation)
    assembly = assembler.assemble()
    versions = VersionsController(definition, surface_fingerprint(assembly.routes, history))
    root, _ = assembler.single_operation(extension_info, "versions", "root", "GET", "/",
                                         versions.root, versioned=False)
    routes = []
    if definition.version_documents.document(definition, "") is not None:
        document, _ = assembler.single_operation(extension_info, "versions", "show", "GET", "",
                                                 versions.show, versioned=True)
        routes.append(Route("GET", "", document, "version"))
    openapi = OpenAPIController(history, lambda version: render_openapi(api, version))
    spec, _ = assembler.single_operation(extension_info, "openapi", "show", "GET", OPENAPI_PATH, openapi.show)
    routes.append(Route("GET", OPENAPI_PATH, spec, "openapi"))
    table = RouteTable([*routes, *assembly.routes], project_in_url=definition.project_in_url)
    pages = {"docs": DocsPage(history, definition.prefix + OPENAPI_PATH)}
    router = APIRouter(table, root, definition.prefix, pages=pages)
    api = API(router, assembly, list(plugins), engine, history, context, definition, defaults)
    return api


def surface_fingerprint(routes: Sequence[Route], history: VersionHistory) -> str:
    """A short hash of the route table and the version range.

    Clients compare it to tell two deployments' APIs apart; it is also the ``ETag`` of
    the version document, which shows the range.
    """
    lines = sorted(f"{r.method} {r.template} {r.operation}" for r in routes)
    lines.append(f"{history.service_type} {history.min} {history.max} {history.updated}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def build_app(conf: cfg.ConfigOpts, *, plugins: Sequence[Extension] | None = None,
              history: VersionHistory | None = None, context: PluginContext | None = None,
              definition: APIDefinition | None = None) -> WSGIApp:
    """The whole WSGI application, middleware included (see the module docstring), started."""
    api = build_api(conf, plugins=plugins, history=history, context=context, definition=definition)
    api.start()
    return wrap(api.router, conf, api.definition)


def wrap(app: WSGIApp, conf: cfg.ConfigOpts, definition: APIDefinition | None = None) -> WSGIApp:
    """Put the standard middleware around ``app``, innermost first.

    ``definition`` (default: the one ``[api] name`` selects) gives the fault vocabulary,
    the request id headers and the version headers CORS lets through.
    """
    definition = definition or configured_definition(conf)
    # keystone's auth_token reads its [keystone_authtoken] section from the same configuration.
    app = build_auth_middleware(conf.auth.strategy, app, htpasswd_file=conf.auth.htpasswd_file,
                                keystone_conf={"oslo_config_config": conf, "oslo_config_project": "apiframe"})
    if conf.middleware.cors_allowed_origins:
        from oslo_middleware import cors

        legacy = [definition.history.legacy_header] if definition.history.legacy_header else []
        app = cors.CORS(app, None)
        for origin in conf.middleware.cors_allowed_origins:
            app.add_origin(allowed_origin=origin,
                           allow_headers=["X-Auth-Token", STANDARD_HEADER, *legacy, "Content-Type"],
                           expose_headers=[STANDARD_HEADER, *legacy, *definition.request_id_headers,
                                           SURFACE_HEADER, "ETag"])
    app = BodySizeLimit(app, conf.middleware.max_request_body_size)
    if conf.middleware.healthcheck_path:
        app = HealthCheck(app, conf.middleware.healthcheck_path)
    return RequestId(AccessLog(FaultWrapper(app, definition.faults)), definition.request_id_headers)


class HealthCheck:
    """Answers ``GET <path>`` with ``200 OK`` and no authentication, for load balancers."""

    def __init__(self, app: WSGIApp, path: str) -> None:
        self.app = app
        self.path = path

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") == self.path and environ["REQUEST_METHOD"] in ("GET", "HEAD"):
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
            return [b"OK"]
        return self.app(environ, start_response)

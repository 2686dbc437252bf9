"""Build the WSGI application: plugins → operations → routes → middleware.

The middleware order, outermost first, and why:

1. ``RequestId`` — every response, even the last-resort fault, carries the request id;
   ``AccessLog`` just inside it logs one line per request with that id and the final status;
2. ``FaultWrapper`` — any error raised below becomes a Nova-shaped fault;
3. healthcheck — answered before auth so load balancers need no credentials;
4. ``BodySizeLimit`` — refuse oversized bodies before anything reads them;
5. CORS (optional) — preflight requests carry no credentials;
6. authentication — establishes the identity (or none); the operation decides if it needs one;
7. ``APIRouter`` — microversion, policy, validation, controller.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from apiframe.api_version import VersionHistory
from apiframe.apidocs import DocsPage, OpenAPIController
from apiframe.assembly import Assembler, Assembly, all_versions
from apiframe.context import RequestContext
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

DEFAULT_HISTORY = "apiframe.compute.api_versions:HISTORY"

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
    policy_defaults: list[oslo_policy.RuleDefault] = field(default_factory=list)


def load_history(path: str = DEFAULT_HISTORY) -> VersionHistory:
    """Import the :class:`VersionHistory` named ``module:attribute``."""
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


def build_api(conf: cfg.ConfigOpts, *, plugins: Sequence[Extension] | None = None,
              history: VersionHistory | None = None, context: PluginContext | None = None) -> API:
    """Load plugins and compile the API; raise ``StartupError`` on any inconsistency.

    Pass ``context`` when ``plugins`` were instantiated by the caller with it.
    """
    history = history or load_history()
    context = context or PluginContext(conf=conf)
    if plugins is None:
        plugins = load_extensions(conf.api.enabled_plugins, context,
                                  skip_failed=conf.api.skip_failed_plugins)
    extension_info = ExtensionInfo(context, plugins)
    all_plugins = [*plugins, extension_info]
    defaults = collect_rules(all_plugins)
    engine = PolicyEngine(defaults, conf.api.policy_file, reload_interval=conf.api.policy_reload_interval)
    services = Services(
        history=history,
        policy=engine,
        make_context=lambda identity, request_id: RequestContext.from_identity(identity, request_id, engine),
        version_headers={v: version_headers(history, v) for v in all_versions(history)},
    )
    assembler = Assembler(all_plugins, history, services, conf.api.response_validation)
    assembly = assembler.assemble()
    versions = VersionsController(history, surface_fingerprint(assembly.routes, history))
    root, _ = assembler.single_operation(extension_info, "versions", "root", "GET", "/",
                                         versions.root, versioned=False)
    document, _ = assembler.single_operation(extension_info, "versions", "show", "GET", "",
                                             versions.show, versioned=True)
    openapi = OpenAPIController(history, lambda version: render_openapi(api, version))
    spec, _ = assembler.single_operation(extension_info, "openapi", "show", "GET", "/openapi.json", openapi.show)
    table = RouteTable([Route("GET", "", document, "version"), Route("GET", "/openapi.json", spec, "openapi"),
                        *assembly.routes])
    router = APIRouter(table, root, pages={"docs": DocsPage(history)})
    api = API(router, assembly, list(plugins), engine, history, context, defaults)
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
              history: VersionHistory | None = None, context: PluginContext | None = None) -> WSGIApp:
    """The whole WSGI application, middleware included (see the module docstring)."""
    api = build_api(conf, plugins=plugins, history=history, context=context)
    return wrap(api.router, conf)


def wrap(app: WSGIApp, conf: cfg.ConfigOpts) -> WSGIApp:
    """Put the standard middleware around ``app``, innermost first."""
    # keystone's auth_token reads its [keystone_authtoken] section from the same configuration.
    app = build_auth_middleware(conf.auth.strategy, app, htpasswd_file=conf.auth.htpasswd_file,
                                keystone_conf={"oslo_config_config": conf, "oslo_config_project": "apiframe"})
    if conf.middleware.cors_allowed_origins:
        from oslo_middleware import cors

        app = cors.CORS(app, None)
        for origin in conf.middleware.cors_allowed_origins:
            app.add_origin(allowed_origin=origin, allow_headers=["X-Auth-Token", "OpenStack-API-Version",
                                                                 "X-OpenStack-Nova-API-Version",
                                                                 "Content-Type"],
                           expose_headers=["OpenStack-API-Version", "X-OpenStack-Nova-API-Version",
                                           "x-openstack-request-id", "x-compute-request-id",
                                           SURFACE_HEADER, "ETag"])
    app = BodySizeLimit(app, conf.middleware.max_request_body_size)
    if conf.middleware.healthcheck_path:
        app = HealthCheck(app, conf.middleware.healthcheck_path)
    return RequestId(AccessLog(FaultWrapper(app)))


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

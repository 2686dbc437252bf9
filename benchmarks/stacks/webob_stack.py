"""Stack (c): the benchmark API on plain webob + routes, the way Nova wires them.

A ``routes.Mapper`` whose routes carry the action to call (routes keeps a callable
``controller`` as it is, as Nova relies on), the
``RoutesMiddleware`` that matches them, and one ``webob.dec.wsgify`` dispatcher that
negotiates the microversion, calls the action and renders JSON or a fault.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import routes
import routes.middleware
import webob
import webob.dec

from benchmarks import workload

ActionResult = tuple[int, Any, list[tuple[str, str]]]


class ServersController:
    """Actions on ``/v2.1/servers``."""

    def __init__(self) -> None:
        self.store = workload.ServerStore()
        self.validator = workload.make_create_validator()

    def index(self, req: webob.Request) -> ActionResult:
        """List the servers."""
        return 200, workload.index_view(self.store.list(), req.application_url), []

    def show(self, req: webob.Request, server_id: str) -> ActionResult:
        """Show one server."""
        return 200, workload.show_view(self.store.get(server_id), req.application_url), []

    def create(self, req: webob.Request) -> ActionResult:
        """Create a server from a validated body."""
        body = workload.parse_json(req.body)
        workload.check_create_body(self.validator, body)
        document, location = workload.create_view(self.store.create(body["server"]), req.application_url)
        return 202, document, [("Location", location)]


class ExtraController:
    """The action behind every extra route."""

    def show(self, req: webob.Request, **params: str) -> ActionResult:
        """Answer the fixed extra body."""
        return 200, workload.extra_body(), []


class WebobAPI:
    """Routes middleware in front of a webob dispatcher."""

    def __init__(self, extra_routes: Sequence[str]) -> None:
        mapper = routes.Mapper()
        extra = ExtraController()
        for template in extra_routes:
            mapper.connect(template, controller=extra.show, conditions={"method": ["GET"]})
        servers = ServersController()
        collection = f"{workload.PREFIX}/servers"
        mapper.connect(collection, controller=servers.index, conditions={"method": ["GET"]})
        mapper.connect(collection, controller=servers.create, conditions={"method": ["POST"]})
        mapper.connect(f"{collection}/{{server_id}}", controller=servers.show, conditions={"method": ["GET"]})
        self._router = routes.middleware.RoutesMiddleware(self._dispatch, mapper)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        return self._router(environ, start_response)

    @webob.dec.wsgify
    def _dispatch(self, req: webob.Request) -> webob.Response:
        version_headers: list[tuple[str, str]] = []
        try:
            version = workload.negotiate_version(req.headers.get(workload.STANDARD_VERSION_HEADER),
                                                 req.headers.get(workload.LEGACY_VERSION_HEADER))
            version_headers = workload.version_headers(version)
            match = req.environ["wsgiorg.routing_args"][1]
            if not match:
                raise workload.APIFailure(404, "The resource could not be found.")
            params = dict(match)
            action = params.pop("controller")
            params.pop("action", None)  # routes adds a default action name
            status, document, headers = action(req, **params)
        except workload.APIFailure as exc:
            status, document, headers = exc.code, workload.fault(exc.code, exc.message), []
        response = webob.Response(body=json.dumps(document).encode(), status=status,
                                  content_type="application/json", charset=None)
        response.headerlist.extend(version_headers + headers)
        return response


def build(extra_routes: Sequence[str] = workload.extra_routes()) -> WebobAPI:
    """Build the webob + routes stack with ``extra_routes`` registered beside the measured ones."""
    return WebobAPI(extra_routes)


application = build()

"""Stack (b): the benchmark API on Falcon, written the way Falcon's documentation shows.

Resources with ``on_get``/``on_post`` responders, ``req.get_media()`` and
``resp.media`` for JSON, a middleware for the microversion headers and an error
handler that renders :class:`~benchmarks.workload.APIFailure` as a Nova fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import falcon

from benchmarks import workload


class MicroversionMiddleware:
    """Negotiates the request's microversion and echoes it on the response."""

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        """Store the negotiated version in the request context."""
        req.context.version = workload.negotiate_version(
            req.get_header(workload.STANDARD_VERSION_HEADER), req.get_header(workload.LEGACY_VERSION_HEADER))

    def process_response(self, req: falcon.Request, resp: falcon.Response, resource: Any,
                         req_succeeded: bool) -> None:
        """Add the version headers when a version was negotiated."""
        version = req.context.get("version")
        if version is not None:
            for name, value in workload.version_headers(version):
                resp.set_header(name, value)


class ServerCollection:
    """``/v2.1/servers``: list and create."""

    def __init__(self, store: workload.ServerStore) -> None:
        self.store = store
        self.validator = workload.make_create_validator()

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        """List the servers."""
        resp.media = workload.index_view(self.store.list(), req.prefix)

    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        """Create a server from a validated body."""
        body = req.get_media()
        workload.check_create_body(self.validator, body)
        document, location = workload.create_view(self.store.create(body["server"]), req.prefix)
        resp.status = falcon.HTTP_202
        resp.location = location
        resp.media = document


class ServerMember:
    """``/v2.1/servers/{server_id}``: show."""

    def __init__(self, store: workload.ServerStore) -> None:
        self.store = store

    def on_get(self, req: falcon.Request, resp: falcon.Response, server_id: str) -> None:
        """Show one server."""
        resp.media = workload.show_view(self.store.get(server_id), req.prefix)


class ExtraResource:
    """Any of the extra routes."""

    def on_get(self, req: falcon.Request, resp: falcon.Response, **params: str) -> None:
        """Answer the fixed extra body."""
        resp.media = workload.extra_body()


def _render_failure(req: falcon.Request, resp: falcon.Response, exc: workload.APIFailure,
                    params: dict[str, Any]) -> None:
    resp.status = exc.code
    resp.media = workload.fault(exc.code, exc.message)


def build(extra_routes: Sequence[str] = workload.extra_routes()) -> falcon.App:
    """Build the Falcon stack with ``extra_routes`` registered beside the measured ones."""
    app = falcon.App(middleware=[MicroversionMiddleware()])
    app.add_error_handler(workload.APIFailure, _render_failure)
    extra = ExtraResource()
    for template in extra_routes:
        app.add_route(template, extra)
    store = workload.ServerStore()
    app.add_route(f"{workload.PREFIX}/servers", ServerCollection(store))
    app.add_route(f"{workload.PREFIX}/servers/{{server_id}}", ServerMember(store))
    return app


application = build()

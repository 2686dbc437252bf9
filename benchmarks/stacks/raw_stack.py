"""Stack (a): a raw WSGI callable, the lower bound.

Routing is one dict lookup: in this API every id sits at an odd path position
(``/v2.1/servers/<id>/bench-3``), so replacing those segments with ``*`` gives a
key that finds the handler whatever the number of routes. Then ``json``, the one
pre-compiled validator and the microversion echo from :mod:`benchmarks.workload`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from benchmarks import workload

Handler = Callable[[dict[str, Any], list[str]], tuple[int, Any, list[tuple[str, str]]]]

_STATUS_LINES = {200: "200 OK", 202: "202 Accepted", 400: "400 Bad Request", 404: "404 Not Found",
                 406: "406 Not Acceptable"}


def _shape(path: str) -> tuple[str, list[str]]:
    """Split a path into its route key and the ids it carries."""
    parts = path.split("/")
    ids = parts[3::2]
    parts[3::2] = ["*"] * len(ids)
    return "/".join(parts), ids


class RawAPI:
    """The benchmark API written against nothing but the WSGI protocol."""

    def __init__(self, extra_routes: Sequence[str]) -> None:
        self.store = workload.ServerStore()
        self.validator = workload.make_create_validator()
        self.handlers: dict[tuple[str, str], Handler] = {}
        for template in extra_routes:
            key, ids = _shape(template)
            if not all(part.startswith("{") for part in ids) or "{" in key:
                raise ValueError(f"{template}: variables must sit at id positions for the raw router")
            self.handlers["GET", key] = self.extra
        servers = f"{workload.PREFIX}/servers"
        self.handlers["GET", servers] = self.index
        self.handlers["POST", servers] = self.create
        self.handlers["GET", f"{servers}/*"] = self.show

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        key, ids = _shape(environ["PATH_INFO"])
        handler = self.handlers.get((environ["REQUEST_METHOD"], key))
        version_headers: list[tuple[str, str]] = []
        try:
            version = workload.negotiate_version(environ.get("HTTP_OPENSTACK_API_VERSION"),
                                                 environ.get("HTTP_X_OPENSTACK_NOVA_API_VERSION"))
            version_headers = workload.version_headers(version)
            if handler is None:
                raise workload.APIFailure(404, "The resource could not be found.")
            status, document, headers = handler(environ, ids)
        except workload.APIFailure as exc:
            status, document, headers = exc.code, workload.fault(exc.code, exc.message), []
        body = json.dumps(document).encode()
        start_response(_STATUS_LINES[status], [("Content-Type", "application/json"),
                                               ("Content-Length", str(len(body))),
                                               *version_headers, *headers])
        return [body]

    def show(self, environ: dict[str, Any], ids: list[str]) -> tuple[int, Any, list[tuple[str, str]]]:
        """GET one server."""
        return 200, workload.show_view(self.store.get(ids[0]), _app_url(environ)), []

    def index(self, environ: dict[str, Any], ids: list[str]) -> tuple[int, Any, list[tuple[str, str]]]:
        """GET the server list."""
        return 200, workload.index_view(self.store.list(), _app_url(environ)), []

    def create(self, environ: dict[str, Any], ids: list[str]) -> tuple[int, Any, list[tuple[str, str]]]:
        """POST a validated server create."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = workload.parse_json(environ["wsgi.input"].read(length))
        workload.check_create_body(self.validator, body)
        document, location = workload.create_view(self.store.create(body["server"]), _app_url(environ))
        return 202, document, [("Location", location)]

    def extra(self, environ: dict[str, Any], ids: list[str]) -> tuple[int, Any, list[tuple[str, str]]]:
        """GET on any of the extra routes."""
        return 200, workload.extra_body(), []


def _app_url(environ: dict[str, Any]) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ['wsgi.url_scheme']}://{host}{environ.get('SCRIPT_NAME', '')}"


def build(extra_routes: Sequence[str] = workload.extra_routes()) -> RawAPI:
    """Build the raw stack with ``extra_routes`` registered beside the measured ones."""
    return RawAPI(extra_routes)


application = build()

"""The route table: built once from the loaded plugins, matched in time flat in its size.

The table is declared in a :class:`routes.Mapper` (the canonical list that
``apiframe-api routes`` prints, and that tests cross-check) and compiled into a segment
tree for dispatch. ``routes.Mapper`` matches by trying its routes one after another,
which costs about a microsecond per route sharing a prefix such as
``/servers/{id}/<sub>``; the tree looks up one dict per path segment whatever the
number of routes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import routes

from apiframe import exception


@dataclass(frozen=True)
class Route:
    """One method on one path template, and the operation that serves it."""

    method: str
    template: str
    target: Any
    operation: str


@dataclass
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    param: _Node | None = None
    param_name: str | None = None
    methods: dict[str, Route] = field(default_factory=dict)
    param_names: tuple[str, ...] = ()


class RouteTable:
    """Matches ``(method, path)`` to a :class:`Route` and its path variables.

    With ``project_in_url``, paths may carry a leading ``/{project_id}`` segment, as the
    compute API allows; the project id is returned separately. Unknown paths raise 404,
    known paths with another method raise 405 with ``Allow``.
    """

    def __init__(self, route_list: Iterable[Route], *, project_in_url: bool = True) -> None:
        self.routes = list(route_list)
        self.project_in_url = project_in_url
        self.mapper = routes.Mapper()
        self._root = _Node()
        self._top_level: set[str] = set()
        for route in self.routes:
            self._add(route)
            self.mapper.connect(None, route.template or "/", conditions={"method": [route.method]},
                                operation=route.operation)

    def _add(self, route: Route) -> None:
        node = self._root
        names: list[str] = []
        segments = _segments(route.template)
        if segments:
            self._top_level.add(segments[0])
        for segment in segments:
            if segment.startswith("{") and segment.endswith("}"):
                name = segment[1:-1]
                if node.param is None:
                    node.param = _Node()
                    node.param_name = name
                names.append(name)
                node = node.param
            else:
                node = node.literals.setdefault(segment, _Node())
        if route.method in node.methods:
            other = node.methods[route.method]
            raise exception.StartupError(
                f"route {route.method} {route.template} is declared twice "
                f"({other.operation} of {type(other.target).__name__} and {route.operation} "
                f"of {type(route.target).__name__})")
        node.methods[route.method] = route
        node.param_names = tuple(names)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str], str | None]:
        """Return ``(route, path variables, project id or None)`` for a request."""
        segments = _segments(path)
        node, values = self._walk(self._root, segments, 0, [])
        project_id = None
        if node is None and self.project_in_url and len(segments) > 1 and segments[0] not in self._top_level:
            node, values = self._walk(self._root, segments, 1, [])
            project_id = segments[0]
        if node is None or not node.methods:
            raise exception.NotFound()
        route = node.methods.get(method)
        if route is None:
            if method == "HEAD" and "GET" in node.methods:
                route = node.methods["GET"]
            else:
                raise exception.MethodNotAllowed(node.methods)
        return route, dict(zip(node.param_names, values, strict=True)), project_id

    def _walk(self, node: _Node, segments: list[str], index: int,
              values: list[str]) -> tuple[_Node | None, list[str]]:
        if index == len(segments):
            return (node, values) if node.methods else (None, values)
        segment = segments[index]
        child = node.literals.get(segment)
        if child is not None:
            found, found_values = self._walk(child, segments, index + 1, values)
            if found is not None:
                return found, found_values
        if node.param is not None and segment:
            return self._walk(node.param, segments, index + 1, [*values, segment])
        return None, values


def _segments(path: str) -> list[str]:
    path = path.strip("/")
    return path.split("/") if path else []


class APIRouter:
    """The WSGI application under the middleware: sends each request to its operation.

    ``GET /`` is the unversioned version list; operations live under ``prefix`` (the
    API definition's: ``/v2.1``, ``/v1``, or ``""`` when they start at the root), and
    the route of ``""`` answers ``<prefix>/`` itself. Errors raised here (404, 405) are
    rendered by the fault middleware, without microversion headers, as Nova does.
    ``pages`` maps the first segment of unversioned paths (``"docs"``) to the WSGI
    application serving them; with an empty prefix they come before the routes.
    """

    def __init__(self, table: RouteTable, root: Any, prefix: str,
                 pages: dict[str, Any] | None = None) -> None:
        self.table = table
        self.root = root
        self.prefix = prefix
        self.pages = pages or {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO") or "/"
        if not path.isascii():
            path = _utf8_path(path)
        method = environ["REQUEST_METHOD"]
        if self.prefix and path.startswith(self.prefix):
            return self._route(environ, start_response, method, path[len(self.prefix):])
        if path == "/":
            if method not in ("GET", "HEAD"):
                raise exception.MethodNotAllowed(["GET"])
            return self.root(environ, start_response, {}, None)
        page = self.pages.get(path.lstrip("/").split("/", 1)[0])
        if page is not None:
            return page(environ, start_response)
        if not self.prefix:
            return self._route(environ, start_response, method, path)
        raise exception.NotFound()

    def _route(self, environ: dict[str, Any], start_response: Any, method: str, rest: str) -> Any:
        if rest and rest[0] != "/":
            raise exception.NotFound()
        route, url_vars, project_id = self.table.match(method, rest)
        return route.target(environ, start_response, url_vars, project_id)


def _utf8_path(path: str) -> str:
    """PEP 3333 hands the path over as latin-1 decoded bytes; URLs carry UTF-8."""
    try:
        return path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise exception.BadRequest("The request path is not UTF-8 encoded.") from None

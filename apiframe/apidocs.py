"""The API's own description, served: ``<prefix>/openapi.json`` and the ``/docs`` reference page.

``GET <prefix>/openapi.json`` answers the OpenAPI document of the microversion the
request negotiates with the usual header, or of the one named by the query
parameter ``microversion`` (``X.Y`` or ``latest``), which wins so that a browser
can link to any version. Both need no credentials, like the version documents.

``GET /docs`` is a Swagger UI page whose definition selector lists every
microversion; its assets come from the ``swagger-ui-py`` package and are served from
``/docs/assets/``, so the page works without access to the internet.
"""

from __future__ import annotations

import html
import importlib.util
import json
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from apiframe import exception, wsgi
from apiframe.api_version import APIVersion, VersionHistory
from apiframe.assembly import all_versions
from apiframe.openapi import resolve_version
from apiframe.validation import query_schema
from apiframe.validation.parameter_types import single_param

DOCS_PATH = "/docs"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png")

_QUERY = {
    "type": "object",
    "properties": {"microversion": single_param({"type": "string"})},
    "additionalProperties": True,
}


class OpenAPIController(wsgi.Controller):
    """Serves the OpenAPI document of each microversion.

    Documents are rendered per request (some milliseconds), so the policy rules they
    report are the ones in force, overrides reloaded since start-up included.
    """

    def __init__(self, history: VersionHistory, render: Callable[[APIVersion], dict[str, Any]]) -> None:
        self.history = history
        self.render = render

    @wsgi.public
    @query_schema(_QUERY)
    def show(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET <prefix>/openapi.json[?microversion=X.Y]``."""
        asked = req.query.get("microversion")
        return self.render(resolve_version(self.history, asked[0]) if asked else req.api_version)


def _assets_dir() -> Path | None:
    """Where the swagger-ui-py package keeps Swagger UI's files, found without importing it."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "static"


class DocsPage:
    """WSGI application of ``GET /docs`` (the page) and ``GET /docs/assets/<file>``.

    ``openapi_path`` is where the API serves its OpenAPI document (``/v2.1/openapi.json``).
    """

    def __init__(self, history: VersionHistory, openapi_path: str) -> None:
        self.history = history
        self.openapi_path = openapi_path
        self.versions = [str(v) for v in reversed(all_versions(history))]
        self.assets_dir = _assets_dir()
        self._assets: dict[str, bytes] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            raise exception.MethodNotAllowed(["GET"])
        if self.assets_dir is None:
            # The API itself does not need the page; only this URL is unavailable.
            raise exception.NotImplementedYet("The API reference page needs the swagger-ui-py package; "
                                              "install it on the server.")
        path = environ.get("PATH_INFO") or "/"
        if path == DOCS_PATH:
            req = wsgi.Request(environ)
            return _send(start_response, "text/html; charset=utf-8", self.page(req).encode())
        prefix = DOCS_PATH + "/assets/"
        name = path[len(prefix):] if path.startswith(prefix) else ""
        if name not in ASSETS:
            raise exception.NotFound()
        if name not in self._assets:
            self._assets[name] = (self.assets_dir / name).read_bytes()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return _send(start_response, content_type, self._assets[name])

    def page(self, req: wsgi.Request) -> str:
        """The HTML page; ``?microversion=X.Y`` chooses the version shown first."""
        base = req.script_name
        chosen = req.GET.get("microversion", self.versions[0])
        config = {
            "urls": [{"url": f"{base}{self.openapi_path}?microversion={v}", "name": v} for v in self.versions],
            "urls.primaryName": chosen if chosen in self.versions else self.versions[0],
            "dom_id": "#swagger-ui",
            "deepLinking": True,
            "validatorUrl": None,  # the default would send the document to a public validator
        }
        # "</" cannot close the script element when it only appears escaped.
        settings = json.dumps(config).replace("</", "<\\/")
        assets = html.escape(f"{base}{DOCS_PATH}/assets")
        return _PAGE.format(title=f"{self.history.service_type} API reference", assets=assets, settings=settings)


def _send(start_response: Callable[..., Any], content_type: str, payload: bytes) -> list[bytes]:
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(payload))),
                              ("Cache-Control", "no-cache")])
    return [payload]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-ui-standalone-preset.js"></script>
<script>
const settings = {settings};
window.ui = SwaggerUIBundle(Object.assign(settings, {{
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
}}));
</script>
</body>
</html>
"""

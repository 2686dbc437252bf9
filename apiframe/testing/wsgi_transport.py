"""A ``requests`` transport adapter that hands each request to a WSGI application in-process.

Mounted on the ``requests.Session`` under a keystoneauth1 Session, it lets the real
client (keystoneauth's request path, retries, logging, apiframe.client's proxies) talk
to an application built by :class:`~apiframe.testing.AppFixture` without a socket.
"""

from __future__ import annotations

import datetime
import io
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

WSGIApp = Callable[..., Any]


class WSGITransport(BaseAdapter):
    """Answers every request it is given by calling ``app`` (mount it on a URL prefix)."""

    def __init__(self, app: WSGIApp) -> None:
        super().__init__()
        self.app = app

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: Any = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        """Build the WSGI environ of ``request``, call the app, wrap its answer as a ``Response``."""
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        environ = _environ(request, body)
        captured: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.app(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        response = requests.Response()
        code, _, reason = captured["status"].partition(" ")
        response.status_code = int(code)
        response.reason = reason
        response.headers = CaseInsensitiveDict(captured["headers"])
        response._content = b"" if request.method == "HEAD" else content
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        response.elapsed = datetime.timedelta(0)
        return response

    def close(self) -> None:
        """Nothing to release: no connections are pooled."""


def _environ(request: requests.PreparedRequest, body: bytes) -> dict[str, Any]:
    url = urlsplit(request.url)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        # WSGI carries the path as latin-1 text of the undecoded bytes.
        "PATH_INFO": unquote(url.path).encode("utf-8").decode("latin-1"),
        "QUERY_STRING": url.query,
        "SERVER_NAME": url.hostname or "localhost",
        "SERVER_PORT": str(url.port or (443 if url.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": url.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    host = url.netloc
    for name, value in request.headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    environ.setdefault("HTTP_HOST", host)
    return environ


def wsgi_session(app: WSGIApp, base_url: str) -> requests.Session:
    """A ``requests.Session`` whose requests below ``base_url`` go to ``app``."""
    session = requests.Session()
    session.mount(base_url, WSGITransport(app))
    return session

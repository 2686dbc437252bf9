"""Calling a WSGI application in-process with prepared requests.

The environ of each request is built once; a call copies it and gives it a fresh
``wsgi.input``, which is all a server would do. The copy costs the same for every
stack, so it shifts all timings equally and leaves their differences intact.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from benchmarks import workload

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

HOST = "127.0.0.1"
PORT = "8774"


class PreparedRequest:
    """A :class:`~benchmarks.workload.RequestSpec` turned into a reusable WSGI environ."""

    def __init__(self, spec: workload.RequestSpec) -> None:
        self.spec = spec
        self.body = spec.body
        environ: dict[str, Any] = {
            "REQUEST_METHOD": spec.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": spec.path,
            "QUERY_STRING": "",
            "SERVER_NAME": HOST,
            "SERVER_PORT": PORT,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": HOST,
            "HTTP_HOST": f"{HOST}:{PORT}",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        if spec.body:
            environ["CONTENT_LENGTH"] = str(len(spec.body))
        for name, value in spec.headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ[key] = value
            else:
                environ[f"HTTP_{key}"] = value
        self.template = environ

    def environ(self) -> dict[str, Any]:
        """A fresh environ for one call."""
        environ = self.template.copy()
        environ["wsgi.input"] = io.BytesIO(self.body)
        return environ


def call(app: WSGIApp, request: PreparedRequest) -> tuple[int, dict[str, str], bytes]:
    """Send one request; return status code, headers and body."""
    captured: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
        captured[:] = [status, headers]
        return lambda data: None

    result = app(request.environ(), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = captured
    return int(status.split(" ", 1)[0]), dict(headers), body


def verify(app: WSGIApp, routes: Sequence[str]) -> None:
    """Check that ``app`` answers every measured and probe request correctly.

    Raises :class:`~benchmarks.workload.WrongResponse`; a stack that fails here is
    never timed, so a broken stack cannot look fast.
    """
    specs = [*workload.measured_requests().values(), *workload.probe_requests(routes)]
    for spec in specs:
        workload.check_response(spec, *call(app, PreparedRequest(spec)))


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
    return _write


def _write(data: bytes) -> None:
    """The ``write`` callable of the timing loop; the benchmark API never uses it."""


def time_batch(app: WSGIApp, request: PreparedRequest, count: int) -> float:
    """Send ``request`` ``count`` times and return the mean microseconds per request.

    The clock is this thread's CPU time: on a shared machine the time the thread
    spends waiting for a core is not the stack's cost, and would only add noise.
    """
    template, body = request.template, request.body
    bytes_io = io.BytesIO
    started = time.thread_time_ns()
    for _ in range(count):
        environ = template.copy()
        environ["wsgi.input"] = bytes_io(body)
        result = app(environ, _start_response)
        for _chunk in result:
            pass
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return (time.thread_time_ns() - started) / count / 1000

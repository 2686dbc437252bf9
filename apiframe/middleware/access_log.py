"""One log line per request: request id, method, path, status, microversion and duration.

It sits just inside :class:`~apiframe.middleware.request_id.RequestId`, so the request id
exists, and outside :class:`~apiframe.faults.FaultWrapper`, so the status logged is the one
the client got, faults included. The line is written once the body is produced: at once
for a list body (what the framework returns), when the server closes any other iterable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from apiframe.faults import REQUEST_ID_ENVIRON_KEY

LOG = logging.getLogger("apiframe.access")

WSGIApp = Callable[..., Iterable[bytes]]


class AccessLog:
    """WSGI middleware that logs each request at INFO on the ``apiframe.access`` logger."""

    def __init__(self, app: WSGIApp, logger: logging.Logger = LOG) -> None:
        self.app = app
        self.logger = logger

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not self.logger.isEnabledFor(logging.INFO):
            return self.app(environ, start_response)
        started = time.perf_counter()
        status = "-"
        microversion = "-"

        def start_and_record(status_line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            nonlocal status, microversion
            status = status_line.partition(" ")[0]
            for name, value in headers:
                if name.lower() == "openstack-api-version":
                    microversion = value.rpartition(" ")[2]
            return start_response(status_line, headers, exc_info)

        def log() -> None:
            self._log(environ, status, microversion, time.perf_counter() - started)

        try:
            body = self.app(environ, start_and_record)
        except BaseException:
            status = "500"
            log()
            raise
        if isinstance(body, list | tuple):
            log()
            return body
        return _LoggedBody(body, log)

    def _log(self, environ: dict[str, Any], status: str, microversion: str, seconds: float) -> None:
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING")
        self.logger.info("%s %s %s status=%s microversion=%s time=%.4fs",
                         environ.get(REQUEST_ID_ENVIRON_KEY, "-"), environ.get("REQUEST_METHOD"),
                         f"{path}?{query}" if query else path, status, microversion, seconds)


class _LoggedBody:
    """A response iterable that writes the log line when the server closes it."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self._body = body
        self._on_close = on_close

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._on_close()

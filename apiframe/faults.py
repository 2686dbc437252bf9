"""The one error renderer: every error leaves the API as a Nova-shaped JSON fault.

``{"itemNotFound": {"code": 404, "message": "..."}}``. Router 404/405, auth 401, size
413, validation 400 and unexpected exceptions all come through :func:`fault_response`,
and :class:`FaultWrapper` is the outermost middleware so nothing escapes as a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from apiframe import exception

LOG = logging.getLogger(__name__)

FAULT_NAMES = {
    400: "badRequest",
    401: "unauthorized",
    403: "forbidden",
    404: "itemNotFound",
    405: "badMethod",
    409: "conflictingRequest",
    413: "overLimit",
    415: "badMediaType",
    429: "overLimit",
    501: "notImplemented",
    503: "serviceUnavailable",
}
DEFAULT_FAULT_NAME = "computeFault"
GENERIC_500_MESSAGE = (
    "Unexpected API Error. Please report this at the deployment's support contact "
    "and attach the request id of this response."
)

REQUEST_ID_ENVIRON_KEY = "apiframe.request_id"


def fault_body(code: int, message: str) -> bytes:
    """Return the JSON body of a fault with the given status and message."""
    name = FAULT_NAMES.get(code, DEFAULT_FAULT_NAME)
    return json.dumps({name: {"code": code, "message": message}}).encode()


def fault_response(code: int, message: str,
                   headers: Iterable[tuple[str, str]] = ()) -> tuple[str, list[tuple[str, str]], bytes]:
    """Return ``(status line, headers, body)`` of a fault, ready for ``start_response``."""
    body = fault_body(code, message)
    return (
        f"{code} {_REASONS.get(code, 'Error')}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *headers],
        body,
    )


def from_exception(exc: BaseException, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    """Render any exception as a fault; log the unexpected ones with the request id."""
    if isinstance(exc, exception.APIError):
        return fault_response(exc.code, exc.message, exc.headers)
    LOG.exception("Unexpected error in %s %s (request %s)", environ.get("REQUEST_METHOD"),
                  environ.get("PATH_INFO"), environ.get(REQUEST_ID_ENVIRON_KEY, "-"))
    return fault_response(500, GENERIC_500_MESSAGE)


class FaultWrapper:
    """Outermost middleware: turns any exception raised below it into a fault."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            return self.app(environ, start_response)
        except Exception as exc:
            status, headers, body = from_exception(exc, environ)
            start_response(status, headers)
            return [body]


_REASONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict",
    413: "Request Entity Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
    417: "Expectation Failed", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
    500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable",
}

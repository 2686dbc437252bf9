"""The one error renderer: every error leaves the API as a JSON fault in the API's vocabulary.

The API definition chooses the vocabulary, a :class:`FaultFormat`:

- :class:`NovaFaults`: ``{"itemNotFound": {"code": 404, "message": "..."}}``, a name per status;
- :class:`APIWGErrors`: the OpenStack API working group's
  ``{"errors": [{"status": 404, "title": "Not Found", "detail": "...", "code": "...",
  "request_id": "req-..."}]}``.

Router 404/405, auth 401, size 413, validation 400 and unexpected exceptions all come
through :func:`from_exception`, and :class:`FaultWrapper` is the outermost middleware so
nothing escapes as a traceback.
"""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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
GENERIC_500_MESSAGE = (
    "Unexpected API Error. Please report this at the deployment's support contact "
    "and attach the request id of this response."
)

REQUEST_ID_ENVIRON_KEY = "apiframe.request_id"

Schema = dict[str, Any]


class FaultFormat(ABC):
    """How an API words its errors: the body of each fault, and its JSON-Schema for OpenAPI."""

    @abstractmethod
    def body(self, code: int, message: str, request_id: str) -> dict[str, Any]:
        """The JSON body of a fault with status ``code``."""

    @abstractmethod
    def schema(self, code: int) -> Schema:
        """The JSON-Schema of the fault body for ``code``; it may refer to :meth:`components`."""

    def components(self) -> dict[str, Schema]:
        """Named schemas (``#/components/schemas/<name>``) that :meth:`schema` refers to."""
        return {}


@dataclass(frozen=True)
class NovaFaults(FaultFormat):
    """``{"<name>": {"code": N, "message": "..."}}`` with a name per status code.

    ``default_name`` names the statuses ``names`` does not (500 and 406 among them).
    """

    default_name: str
    names: Mapping[int, str] = field(default_factory=lambda: dict(FAULT_NAMES))

    def name(self, code: int) -> str:
        """The key of the fault body for ``code`` (``itemNotFound`` for 404)."""
        return self.names.get(code, self.default_name)

    def body(self, code: int, message: str, request_id: str) -> dict[str, Any]:
        """``{name: {"code": code, "message": message}}``; the request id travels in headers only."""
        return {self.name(code): {"code": code, "message": message}}

    def schema(self, code: int) -> Schema:
        """One key, the fault's name, holding ``FaultDetail``."""
        name = self.name(code)
        return {
            "type": "object",
            "properties": {name: {"$ref": "#/components/schemas/FaultDetail"}},
            "required": [name],
            "additionalProperties": False,
        }

    def components(self) -> dict[str, Schema]:
        """``FaultDetail``: the code and message inside every fault."""
        return {"FaultDetail": {
            "type": "object",
            "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            "required": ["code", "message"],
            "additionalProperties": False,
        }}


@dataclass(frozen=True)
class APIWGErrors(FaultFormat):
    """The API working group's error list; ``undefined_code`` is the ``code`` of every error."""

    undefined_code: str

    def body(self, code: int, message: str, request_id: str) -> dict[str, Any]:
        """``{"errors": [{"status", "title", "detail", "code", "request_id"}]}``."""
        return {"errors": [{"status": code, "title": reason(code), "detail": message,
                            "code": self.undefined_code, "request_id": request_id}]}

    def schema(self, code: int) -> Schema:
        """A list of ``Error`` objects."""
        return {
            "type": "object",
            "properties": {"errors": {"type": "array", "minItems": 1,
                                      "items": {"$ref": "#/components/schemas/Error"}}},
            "required": ["errors"],
            "additionalProperties": False,
        }

    def components(self) -> dict[str, Schema]:
        """``Error``: one entry of the list."""
        return {"Error": {
            "type": "object",
            "properties": {"status": {"type": "integer"}, "title": {"type": "string"},
                           "detail": {"type": "string"}, "code": {"type": "string"},
                           "request_id": {"type": "string"}},
            "required": ["status", "title", "detail", "code", "request_id"],
            "additionalProperties": False,
        }}


#: The vocabulary of errors rendered without an API definition at hand (unit tests of middleware).
DEFAULT_FAULTS: FaultFormat = NovaFaults(default_name="serverFault")


def fault_response(code: int, message: str, headers: Iterable[tuple[str, str]] = (), *,
                   fault_format: FaultFormat = DEFAULT_FAULTS,
                   request_id: str = "") -> tuple[str, list[tuple[str, str]], bytes]:
    """Return ``(status line, headers, body)`` of a fault, ready for ``start_response``."""
    body = json.dumps(fault_format.body(code, message, request_id)).encode()
    return (
        f"{code} {reason(code)}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *headers],
        body,
    )


def from_exception(exc: BaseException, environ: dict[str, Any], fault_format: FaultFormat = DEFAULT_FAULTS,
                   ) -> tuple[str, list[tuple[str, str]], bytes]:
    """Render any exception as a fault; log the unexpected ones with the request id."""
    request_id = environ.get(REQUEST_ID_ENVIRON_KEY, "")
    if isinstance(exc, exception.APIError):
        return fault_response(exc.code, exc.message, exc.headers, fault_format=fault_format,
                              request_id=request_id)
    LOG.exception("Unexpected error in %s %s (request %s)", environ.get("REQUEST_METHOD"),
                  environ.get("PATH_INFO"), request_id or "-")
    return fault_response(500, GENERIC_500_MESSAGE, fault_format=fault_format, request_id=request_id)


class FaultWrapper:
    """Outermost middleware: turns any exception raised below it into a fault of ``fault_format``."""

    def __init__(self, app: Callable[..., Iterable[bytes]], fault_format: FaultFormat = DEFAULT_FAULTS) -> None:
        self.app = app
        self.fault_format = fault_format

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            return self.app(environ, start_response)
        except Exception as exc:
            status, headers, body = from_exception(exc, environ, self.fault_format)
            start_response(status, headers)
            return [body]


def reason(code: int) -> str:
    """The reason phrase of an error status (``Not Found``), for status lines and error titles."""
    return _REASONS.get(code, "Error")


_REASONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict",
    413: "Request Entity Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
    417: "Expectation Failed", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
    500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable",
}

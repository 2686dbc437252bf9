"""The one exception of the client, and its subclasses by HTTP status.

Every failure a caller can meet raises :class:`ClientError`: an error answer of the
server (with the server's own fault message), a connection or TLS failure, an
authentication failure, a bad argument caught before anything is sent, and a
microversion the server does not offer. No exception of ``requests`` or
``keystoneauth1`` reaches the caller: :func:`translating` turns them into
:class:`ClientError` at the one place requests are sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from keystoneauth1 import exceptions as ksa
from requests import RequestException

from apiframe.client.faults import read_fault

REQUEST_ID_HEADERS = ("x-openstack-request-id", "x-compute-request-id")
_FIELD_RE = re.compile(r"Invalid input for field/attribute (\S+?)\.? ")


class ClientError(Exception):
    """A call failed; ``message`` says why in the server's words when the server answered.

    ``status`` is the HTTP status (``None`` when no answer came back), ``details`` lists
    further facts (the fault name, the field that failed validation, the request id),
    ``request_id`` is the id the server gave the request, when there was one.
    """

    def __init__(self, message: str, *, status: int | None = None, details: Sequence[str] = (),
                 request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = list(details)
        self.request_id = request_id

    def __str__(self) -> str:
        prefix = f"{self.status} " if self.status is not None else ""
        suffix = f" (request {self.request_id})" if self.request_id else ""
        return f"{prefix}{self.message}{suffix}"


class InvalidArgument(ClientError):
    """A call was refused before sending: an unknown attribute, a missing argument, ..."""


class UnsupportedMicroversion(ClientError):
    """The server (or the client) does not offer the microversion a call needs."""


class ConnectionFailure(ClientError):
    """No answer: the server could not be reached, TLS failed, or the request timed out."""


class BadRequest(ClientError):
    """400: the server refused the request as malformed or invalid."""


class Unauthorized(ClientError):
    """401: no valid credentials, or the identity service refused them."""


class Forbidden(ClientError):
    """403: the caller may not do this (policy, quota)."""


class NotFound(ClientError):
    """404: no such resource, or no such operation at this microversion."""


class MethodNotAllowed(ClientError):
    """405: the path exists but not with this method."""


class NotAcceptable(ClientError):
    """406: the server does not serve the requested microversion."""


class Conflict(ClientError):
    """409: the resource's state forbids the operation (a locked server, a duplicate name)."""


class OverLimit(ClientError):
    """413 or 429: a size or rate limit was exceeded."""


class UnsupportedMediaType(ClientError):
    """415: the server does not take the request body's content type."""


class ServerError(ClientError):
    """5xx: the server failed."""


class ServiceUnavailable(ServerError):
    """503: the server cannot answer now (after the configured retries)."""


_BY_STATUS: dict[int, type[ClientError]] = {
    400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 405: MethodNotAllowed,
    406: NotAcceptable, 409: Conflict, 413: OverLimit, 415: UnsupportedMediaType, 429: OverLimit,
    503: ServiceUnavailable,
}


def error_class(status: int | None) -> type[ClientError]:
    """The :class:`ClientError` subclass for an HTTP status."""
    if status is None:
        return ClientError
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else ClientError


def request_id_of(headers: Any) -> str | None:
    """The request id a response carries (``x-openstack-request-id`` or the compute one)."""
    if headers is None:
        return None
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def from_response(response: Any, fault_format: str) -> ClientError:
    """The :class:`ClientError` of an error answer: the server's fault message, its facts, the request id."""
    status = response.status_code
    request_id = request_id_of(response.headers)
    try:
        body = response.json()
    except ValueError:
        body = None
    fault = None if body is None else read_fault(body, fault_format, response.headers.get("Content-Type", ""))
    if fault is not None:
        message, details = fault.message, list(fault.details)
    else:
        message, details = (response.text or "").strip()[:500] or response.reason or f"HTTP {status}", []
    field = _FIELD_RE.search(message)
    if field:
        details.append(f"field: {field.group(1)}")
    if request_id:
        details.append(f"request_id: {request_id}")
    return error_class(status)(message, status=status, details=details, request_id=request_id)


@contextmanager
def translating() -> Iterator[None]:
    """Turn any ``keystoneauth1`` or ``requests`` exception raised inside into a :class:`ClientError`."""
    try:
        yield
    except ClientError:
        raise
    except ksa.HttpError as exc:
        if exc.response is not None:
            # keystone's errors ({"error": {"code", "message", "title"}}) have the single-key shape.
            raise from_response(exc.response, "nova") from None
        raise error_class(exc.http_status)(exc.message or str(exc), status=exc.http_status,
                                           details=[type(exc).__name__], request_id=exc.request_id) from None
    except (ksa.ConnectionError, RequestException) as exc:
        raise ConnectionFailure(str(exc) or type(exc).__name__, details=[type(exc).__name__]) from None
    except ksa.ClientException as exc:
        raise ClientError(str(exc) or type(exc).__name__, details=[type(exc).__name__]) from None

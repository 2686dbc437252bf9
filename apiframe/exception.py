"""Exceptions that become API faults.

Raise one of these anywhere on the request path (controller, middleware, validation,
policy) and the error renderer turns it into a fault body in the API's vocabulary
(:mod:`apiframe.faults`). Any other exception is a bug and becomes a generic 500, and so
does an error an operation raises without declaring it, unless it is not the operation's
own (``APIError.must_be_declared``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar


class APIError(Exception):
    """Base class of every error that a client is meant to see.

    ``code`` is the HTTP status; ``message`` is safe to show to clients. ``headers``
    are added to the fault response (``Allow`` on 405, ``WWW-Authenticate`` on 401).
    """

    code: int = 500
    message: str = "An unknown exception occurred."
    #: Whether an operation must declare this error (``expected_errors``) to raise it.
    #: False for errors that are not the operation's own: a policy refusal, and every
    #: :class:`InfrastructureError`. Any other undeclared error becomes a 500.
    must_be_declared: ClassVar[bool] = True

    def __init__(self, message: str | None = None, *, headers: Iterable[tuple[str, str]] = ()) -> None:
        if message is not None:
            self.message = message
        self.headers = list(headers)
        super().__init__(self.message)


class BadRequest(APIError):
    """The request is malformed or fails validation (400)."""

    code = 400
    message = "Bad request."


class ValidationError(BadRequest):
    """A body or query string does not satisfy its JSON-Schema (400)."""


class InvalidAPIVersionString(BadRequest):
    """A microversion header value that does not follow ``X.Y`` (400)."""

    def __init__(self, version: str) -> None:
        super().__init__(
            f"API Version String {version} is of invalid format. Must be of format MajorNum.MinorNum."
        )


class Unauthorized(APIError):
    """No valid identity came with a request that needs one (401)."""

    code = 401
    message = "Authentication required"


class Forbidden(APIError):
    """The caller is known but may not do this (403)."""

    code = 403
    message = "Forbidden."


class PolicyNotAuthorized(Forbidden):
    """A policy rule denied the operation (403)."""

    must_be_declared = False

    def __init__(self, rule: str) -> None:
        super().__init__(f"Policy doesn't allow {rule} to be performed.")
        self.rule = rule


class OverQuota(Forbidden):
    """A quota would be exceeded (403, as Nova answers over-quota requests)."""


class NotFound(APIError):
    """The resource does not exist or is not visible to the caller (404)."""

    code = 404
    message = "The resource could not be found."


class MethodNotAllowed(APIError):
    """The path exists but not for this HTTP method (405, with ``Allow``)."""

    code = 405
    message = "The method specified is not allowed for this resource."

    def __init__(self, allowed: Iterable[str]) -> None:
        allowed = sorted(set(allowed))
        super().__init__(headers=[("Allow", ", ".join(allowed))])
        self.allowed = allowed


class NotAcceptable(APIError):
    """The requested microversion is outside the supported range (406)."""

    code = 406
    message = "Not acceptable."


class Conflict(APIError):
    """The request conflicts with the resource's current state (409)."""

    code = 409
    message = "Conflict."


class InstanceInvalidState(Conflict):
    """An action that the server's current state does not allow (409)."""

    def __init__(self, action: str, server_id: str, attr: str, state: str) -> None:
        super().__init__(f"Cannot '{action}' instance {server_id} while it is in {attr} {state}")


class RequestEntityTooLarge(APIError):
    """The request body is larger than the configured maximum (413)."""

    code = 413
    message = "Request is too large."


class UnsupportedMediaType(APIError):
    """The request body has a Content-Type the API does not read (415)."""

    code = 415
    message = "Unsupported Content-Type"


class NotImplementedYet(APIError):
    """The operation is declared but not available in this deployment (501)."""

    code = 501
    message = "Not implemented."


class InfrastructureError(APIError):
    """Something the service runs on failed (its database, a backend), not the request.

    Any operation may raise one whatever errors it declares, and the client gets it as
    it is: the request may succeed when retried, which a 500 would not say.
    """

    code = 503
    message = "Service unavailable."
    must_be_declared = False


class ServiceUnavailable(InfrastructureError):
    """A dependency such as the database is unavailable (503, with ``Retry-After``).

    ``retry_after`` is the number of seconds the client is told to wait before retrying.
    """

    retry_after: ClassVar[int] = 5

    def __init__(self, message: str | None = None, *, retry_after: int | None = None,
                 headers: Iterable[tuple[str, str]] = ()) -> None:
        seconds = self.retry_after if retry_after is None else retry_after
        super().__init__(message, headers=[("Retry-After", str(seconds)), *headers])


class StartupError(Exception):
    """The API cannot be assembled: a plugin, schema, route or policy is wrong.

    Raised while the application is built, never while serving; the message is one line
    that names the plugin, file or option to fix.
    """


def describe_error(exc: BaseException) -> str:
    """``exc`` as one line for an operator: its type and message, whitespace collapsed."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__

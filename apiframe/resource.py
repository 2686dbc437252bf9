"""Serving one operation: microversion → method → identity → policy → validation → call.

An :class:`Operation` is compiled at start-up from a controller method and everything
declared about it (see :mod:`apiframe.registry`): for every microversion the API serves
it holds a ready :class:`VersionedCall` (status code, expected errors, compiled
validators, extension hooks), so a request only looks things up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from apiframe import body as request_body
from apiframe import exception, faults
from apiframe.api_version import APIVersion, UnsupportedVersion, VersionHistory
from apiframe.validation import InvalidResponse
from apiframe.wsgi import Request, ResponseObject

LOG = logging.getLogger(__name__)

IDENTITY_ENVIRON_KEY = "apiframe.identity"
CHALLENGE_ENVIRON_KEY = "apiframe.auth_challenge"


@dataclass(frozen=True)
class VersionedCall:
    """What serving an operation at one microversion needs, resolved at start-up."""

    status: int
    errors: frozenset[int] | None
    body_validator: Any
    query_validator: Any
    response_validator: Any
    hooks: tuple[Callable[..., Any], ...]


@dataclass
class Services:
    """Application-wide collaborators every operation uses.

    ``prefix`` is the API's URL prefix (for ``req.endpoint``), ``faults`` its error
    vocabulary and ``body_media_types`` the content types a request body may have.
    """

    history: VersionHistory
    policy: Any
    make_context: Callable[[Any, str], Any]
    version_headers: Mapping[APIVersion, list[tuple[str, str]]]
    prefix: str
    faults: faults.FaultFormat
    body_media_types: frozenset[str]
    decisions: dict[tuple[str, Any], bool] = field(default_factory=dict)
    decisions_generation: int = 0

    def allowed(self, rule: str, req: Request) -> bool:
        """Whether ``rule`` lets the caller act on its own project (the check before a call).

        That answer depends only on the rule, the identity and the rules in force, so it
        is remembered per identity until the policy file changes.
        """
        if self.decisions_generation != self.policy.generation or len(self.decisions) > _MAX_DECISIONS:
            self.decisions.clear()
            self.decisions_generation = self.policy.generation
        key = (rule, req.identity)
        decision = self.decisions.get(key)
        if decision is None:
            decision = self.decisions[key] = req.context.can(rule, fatal=False)
        return decision


_MAX_DECISIONS = 4096


class Operation:
    """One controller method, served at the microversions it exists in."""

    def __init__(self, name: str, func: Callable[..., Any], calls: Mapping[APIVersion, VersionedCall],
                 *, policy: str | None, requires_auth: bool, takes_body: bool,
                 versioned: bool, services: Services) -> None:
        self.name = name
        self.func = func
        self.calls = dict(calls)
        self.policy = policy
        self.requires_auth = requires_auth
        self.takes_body = takes_body
        self.versioned = versioned
        self.services = services

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any],
                 url_vars: dict[str, str], project_id: str | None) -> Iterable[bytes]:
        version: APIVersion | None = None
        try:
            version = self._version(environ)
            req = Request(environ)
            req.api_version = version
            req.url_project_id = project_id
            req.endpoint_prefix = self.services.prefix
            body = request_body.read_json(environ, self.services.body_media_types) if self.takes_body else None
            operation, body = self._resolve(body)
            call = operation.calls.get(version)
            if call is None:
                raise exception.NotFound()
            self._authorize(req, environ, operation, project_id)
            return self._respond(start_response, req, operation, call, url_vars, body, version)
        except UnsupportedVersion as exc:
            return self._fault(start_response, environ, exc, exc.version)
        except exception.InvalidAPIVersionString as exc:
            return self._fault(start_response, environ, exc, None)
        except Exception as exc:
            return self._fault(start_response, environ, exc, version)

    def _version(self, environ: dict[str, Any]) -> APIVersion:
        history = self.services.history
        return history.requested(environ) if self.versioned else history.min

    def _resolve(self, body: Any) -> tuple[Operation, Any]:
        return self, body

    def _authorize(self, req: Request, environ: dict[str, Any], operation: Operation,
                   project_id: str | None) -> None:
        identity = environ.get(IDENTITY_ENVIRON_KEY)
        if identity is None and operation.requires_auth:
            raise exception.Unauthorized(headers=environ.get(CHALLENGE_ENVIRON_KEY, ()))
        req.identity = identity
        req.request_id = environ.get(faults.REQUEST_ID_ENVIRON_KEY, "")
        req._make_context = self.services.make_context
        if project_id is not None and identity is not None and project_id != identity.project_id:
            raise exception.BadRequest(
                f"Malformed request URL: URL's project_id '{project_id}' doesn't match "
                f"Context's project_id '{identity.project_id}'")
        if operation.policy is not None and not self.services.allowed(operation.policy, req):
            raise exception.PolicyNotAuthorized(operation.policy)

    def _respond(self, start_response: Callable[..., Any], req: Request, operation: Operation,
                 call: VersionedCall, url_vars: dict[str, str], body: Any,
                 version: APIVersion) -> Iterable[bytes]:
        kwargs = url_vars
        if call.query_validator is not None:
            try:
                params = req.GET
            except UnicodeDecodeError:
                raise exception.BadRequest("Query string is not UTF-8 encoded") from None
            req.query = call.query_validator.validate(params, version)
        if operation.takes_body:
            if call.body_validator is not None:
                call.body_validator.validate(body, version)
            kwargs = {**url_vars, "body": body}
        try:
            result = operation.func(req, **kwargs)
            response = result if type(result) is ResponseObject else ResponseObject(result)
            for hook in call.hooks:
                hook(req, response, **url_vars)
        except exception.APIError as exc:
            if exc.must_be_declared and call.errors is not None and exc.code not in call.errors:
                LOG.error("%s raised undeclared error %s: %s", operation.name, exc.code, exc.message)
                raise RuntimeError(f"undeclared error {exc.code} from {operation.name}") from exc
            raise
        code = response.code or call.status
        headers = list(self.services.version_headers[version]) if self.versioned else []
        headers.extend(response.headers.items())
        if code == 304:
            # No Content-Length: on a 304 it would have to be the length of the 200's body.
            start_response(_status_line(code), headers)
            return [b""]
        if response.obj is None or code == 204:
            headers.append(("Content-Length", "0"))
            start_response(_status_line(code), headers)
            return [b""]
        if call.response_validator is not None:
            try:
                call.response_validator.validate(response.obj)
            except InvalidResponse as exc:
                # Only in the "error" mode of tests and strict deployments: say what is wrong.
                raise exception.APIError(f"{operation.name}: {exc}") from exc
        payload = json.dumps(response.obj).encode()
        headers.append(("Content-Type", "application/json"))
        headers.append(("Content-Length", str(len(payload))))
        start_response(_status_line(code), headers)
        return [b""] if req.method == "HEAD" else [payload]

    def _fault(self, start_response: Callable[..., Any], environ: dict[str, Any], exc: Exception,
               version: APIVersion | None) -> Iterable[bytes]:
        status, headers, payload = faults.from_exception(exc, environ, self.services.faults)
        if version is not None and self.versioned:
            reported = self.services.version_headers.get(version)
            headers = [*headers, *(reported or version_headers(self.services.history, version))]
        start_response(status, headers)
        return [payload]


class ActionOperation(Operation):
    """``POST /{collection}/{id}/action``: the single key of the body picks the handler."""

    def __init__(self, handlers: Mapping[str, Operation], services: Services) -> None:
        super().__init__("action", _no_call, {}, policy=None, requires_auth=True, takes_body=True,
                         versioned=True, services=services)
        self.handlers = dict(handlers)

    def _resolve(self, body: Any) -> tuple[Operation, Any]:
        if not isinstance(body, dict):
            raise exception.BadRequest("The action body must be a JSON object with one action key.")
        if len(body) != 1:
            raise exception.BadRequest(
                "There must be exactly one action key in the body, found "
                f"{len(body)}.")
        (name,) = body
        handler = self.handlers.get(name)
        if handler is None:
            raise exception.BadRequest(f"There is no such action: {name[:255]}")
        return handler, body


def _no_call(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("the action route dispatches to its handlers")


def version_headers(history: VersionHistory, version: APIVersion) -> list[tuple[str, str]]:
    """The response headers that report the microversion a response was made for."""
    headers = [("OpenStack-API-Version", f"{history.service_type} {version}"),
               ("Vary", "OpenStack-API-Version")]
    if history.legacy_header:
        headers.insert(1, (history.legacy_header, str(version)))
        headers.append(("Vary", history.legacy_header))
    return headers


def _status_line(code: int) -> str:
    return _STATUS_LINES.get(code) or f"{code} Status"


_STATUS_LINES = {
    200: "200 OK", 201: "201 Created", 202: "202 Accepted", 204: "204 No Content",
    300: "300 Multiple Choices", 304: "304 Not Modified",
}

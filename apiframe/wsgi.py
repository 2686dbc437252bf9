"""What controllers see: the request, the response object, and the decorators.

A controller is a plain class whose methods are the operations of a resource
(``index``, ``show``, ``create``, ``update``, ``delete``, collection or member actions,
``@action`` handlers). Every fact that varies by microversion is a decorator with a
``(min_version, max_version)`` range; decorators record into :mod:`apiframe.registry`
and return the method unchanged::

    class KeypairsController(wsgi.Controller):
        @wsgi.policy("os_compute_api:os-keypairs:create")
        @wsgi.response(200, "2.1", "2.1")
        @wsgi.response(201, "2.2")
        @wsgi.expected_errors((400, 403, 409))
        @validation.schema(keypairs.create_v22, "2.2", "2.9")
        @validation.schema(keypairs.create_v210, "2.10")
        def create(self, req, body): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import webob

from apiframe import registry
from apiframe.api_version import APIVersion, VersionRange, as_version
from apiframe.registry import Ranged

F = TypeVar("F", bound=Callable[..., Any])


class Request(webob.BaseRequest):
    """The request a controller receives (a webob request with API state).

    ``api_version`` is the negotiated microversion, ``context`` the
    :class:`~apiframe.context.RequestContext`, ``endpoint`` the versioned base URL
    (``http://host/v2.1`` plus ``/<project_id>`` when the URL carried one) and
    ``bookmark_endpoint`` the same without the version, for bookmark links.
    """

    api_version: APIVersion
    url_project_id: str | None
    endpoint_prefix: str
    identity: Any
    request_id: str
    _make_context: Any
    _context: Any = None

    @property
    def context(self) -> Any:
        """The caller's :class:`~apiframe.context.RequestContext`, built on first use."""
        if self._context is None:
            self._context = self._make_context(self.identity, self.request_id)
        return self._context

    @context.setter
    def context(self, value: Any) -> None:
        self._context = value

    def is_supported(self, min_version: str | APIVersion, max_version: str | APIVersion | None = None) -> bool:
        """True when the request's microversion lies in ``[min_version, max_version]``."""
        low = as_version(min_version)
        high = as_version(max_version)
        return self.api_version >= low and (high is None or self.api_version <= high)

    @property
    def endpoint(self) -> str:
        """Base URL of the versioned API for links (``self`` hrefs)."""
        return self.host_url + self.script_name + self.endpoint_prefix + self._project_segment

    @property
    def bookmark_endpoint(self) -> str:
        """Base URL without the version segment, for ``bookmark`` links."""
        return self.host_url + self.script_name + self._project_segment

    @property
    def _project_segment(self) -> str:
        return f"/{self.url_project_id}" if self.url_project_id else ""


class ResponseObject:
    """A controller's result when it needs more than a dict: a status or headers.

    Controller-extension hooks receive it too and may change ``obj`` or ``headers``.
    """

    __slots__ = ("code", "headers", "obj")

    def __init__(self, obj: Any = None, code: int | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        self.obj = obj
        self.code = code
        self.headers = dict(headers or {})


class Controller:
    """Base class of controllers; it only exists to mark them and document the contract.

    Operation methods take ``(self, req, **url_vars)`` and, for POST/PUT, a ``body``
    keyword; they return a JSON-able object, a :class:`ResponseObject` or ``None``.
    """


def _record(attr: str, value: Any, min_version: str | None, max_version: str | None) -> Callable[[F], F]:
    def decorator(func: F) -> F:
        getattr(registry.meta(func), attr).append(Ranged(VersionRange.of(min_version, max_version), value))
        return func
    return decorator


def api_version(min_version: str | None = None, max_version: str | None = None) -> Callable[[F], F]:
    """Make the method exist only in this microversion range (404 outside it)."""
    def decorator(func: F) -> F:
        record = registry.meta(func)
        if record.versions_declared:
            raise TypeError(f"{func.__qualname__}: api_version may be given once; branch inside "
                            "the method with req.is_supported() instead")
        record.versions = VersionRange.of(min_version, max_version)
        record.versions_declared = True
        return func
    return decorator


def response(status: int, min_version: str | None = None, max_version: str | None = None) -> Callable[[F], F]:
    """Set the success status code of the method in a microversion range."""
    return _record("status", status, min_version, max_version)


def expected_errors(errors: int | Iterable[int], min_version: str | None = None,
                    max_version: str | None = None) -> Callable[[F], F]:
    """Declare the error codes the method may raise in a version range.

    An API error with another code raised by the method is a bug: it is logged and
    answered as a 500, so the declared set stays the truth that docs rely on.
    """
    codes = frozenset([errors] if isinstance(errors, int) else errors)
    return _record("errors", codes, min_version, max_version)


def action(name: str) -> Callable[[F], F]:
    """Make the method the handler of ``POST .../{id}/action`` bodies keyed ``name``."""
    def decorator(func: F) -> F:
        registry.meta(func).action = name
        return func
    return decorator


def extends(func: F) -> F:
    """Mark a controller-extension method as a hook run after the operation it names.

    The hook is called as ``hook(req, resp_obj, **url_vars)`` and may edit
    ``resp_obj.obj``; give it ``api_version`` to run only in a version range.
    """
    registry.meta(func).extends = func.__name__
    return func


def policy(rule: str) -> Callable[[F], F]:
    """Name the policy rule that authorizes the method.

    The rule is checked with the caller's own project and user as target before the
    method runs; an operation without a rule is a start-up error.
    """
    def decorator(func: F) -> F:
        registry.meta(func).policy = rule
        return func
    return decorator


def public(func: F) -> F:
    """Let the method answer requests that carry no identity (version documents)."""
    registry.meta(func).requires_auth = False
    return func

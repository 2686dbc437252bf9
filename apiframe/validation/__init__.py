"""JSON-Schema validation of request bodies, query strings and responses.

Controller methods declare their schemas with the decorators below; each records a
:class:`~apiframe.registry.Ranged` schema in the method's
:class:`~apiframe.registry.OperationMeta` and returns the method unchanged. The router
compiles one validator per (operation, version) at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from apiframe import registry
from apiframe.api_version import APIVersion, VersionRange
from apiframe.validation.extension_points import SchemaFragment, merge_all, merge_fragments
from apiframe.validation.schemas import check_schema
from apiframe.validation.validators import (
    BodyValidator,
    InvalidResponse,
    QueryValidator,
    ResponseValidator,
)

__all__ = [
    "BodyValidator",
    "InvalidResponse",
    "QueryValidator",
    "ResponseValidator",
    "SchemaFragment",
    "check_schema",
    "merge_all",
    "merge_fragments",
    "query_schema",
    "response_schema",
    "schema",
]

F = TypeVar("F", bound=Callable[..., Any])
Version = str | APIVersion | None


def schema(body_schema: Mapping[str, Any], min_version: Version = None, max_version: Version = None,
           *, extension_point: str | None = None) -> Callable[[F], F]:
    """Declare the request body schema of a method for a version range.

    ``extension_point`` names the point (e.g. ``"servers.create"``) through which other
    plugins may add properties to this operation's body schemas.
    """
    versions = VersionRange.of(min_version, max_version)

    def record(func: F) -> F:
        meta = registry.meta(func)
        meta.body_schemas.append(registry.Ranged(versions, body_schema))
        if extension_point is not None:
            if meta.extension_point not in (None, extension_point):
                raise ValueError(f"{func.__qualname__} already declares extension point "
                                 f"{meta.extension_point!r}, not {extension_point!r}")
            meta.extension_point = extension_point
        return func

    return record


def query_schema(query: Mapping[str, Any], min_version: Version = None,
                 max_version: Version = None) -> Callable[[F], F]:
    """Declare the query-string schema of a method for a version range."""
    versions = VersionRange.of(min_version, max_version)

    def record(func: F) -> F:
        registry.meta(func).query_schemas.append(registry.Ranged(versions, query))
        return func

    return record


def response_schema(response: Mapping[str, Any], min_version: Version = None,
                    max_version: Version = None) -> Callable[[F], F]:
    """Declare the response body schema of a method for a version range."""
    versions = VersionRange.of(min_version, max_version)

    def record(func: F) -> F:
        registry.meta(func).response_schemas.append(registry.Ranged(versions, response))
        return func

    return record

"""What decorators declare about controller methods, kept beside them, not on them.

Each decorator in :mod:`apiframe.wsgi` and :mod:`apiframe.validation` records a fact
(version range, status code, schema, policy rule, action name) in the
:class:`OperationMeta` of the decorated function and returns the function unchanged.
Nothing is copied by ``functools.wraps`` and nothing wraps the call, so the hot path
calls the plugin's own function. The router reads the metadata once at start-up.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apiframe.api_version import ALL_VERSIONS, VersionRange


@dataclass(frozen=True)
class Ranged:
    """A value that applies in a version range (a status code, a schema, an error set)."""

    versions: VersionRange
    value: Any


@dataclass
class OperationMeta:
    """Everything declared about one controller method."""

    versions: VersionRange = ALL_VERSIONS
    versions_declared: bool = False
    status: list[Ranged] = field(default_factory=list)
    errors: list[Ranged] = field(default_factory=list)
    body_schemas: list[Ranged] = field(default_factory=list)
    query_schemas: list[Ranged] = field(default_factory=list)
    response_schemas: list[Ranged] = field(default_factory=list)
    extension_point: str | None = None
    action: str | None = None
    extends: str | None = None
    policy: str | None = None
    requires_auth: bool = True


_METADATA: weakref.WeakKeyDictionary[Callable[..., Any], OperationMeta] = weakref.WeakKeyDictionary()


def meta(func: Callable[..., Any]) -> OperationMeta:
    """Return the metadata of ``func``, creating an empty record the first time."""
    func = getattr(func, "__func__", func)
    record = _METADATA.get(func)
    if record is None:
        record = _METADATA[func] = OperationMeta()
    return record


def declared(func: Callable[..., Any]) -> OperationMeta | None:
    """Return the metadata of ``func`` if any decorator declared something on it."""
    return _METADATA.get(getattr(func, "__func__", func))

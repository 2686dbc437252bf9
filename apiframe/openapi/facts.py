"""What one operation is at one microversion, read from what start-up assembled.

Both the OpenAPI document and the version history are views of these facts, so the
two can never disagree about an operation's status code, errors or schemas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from apiframe.api_version import APIVersion
from apiframe.assembly import OperationInfo
from apiframe.registry import Ranged

DEFAULT_STATUS = 200

Schema = Mapping[str, Any]


def pick(entries: Sequence[Ranged], version: APIVersion, default: Any = None) -> Any:
    """The value of the ranged entry that applies at ``version``, else ``default``."""
    for entry in entries:
        if version in entry.versions:
            return entry.value
    return default


@dataclass(frozen=True)
class OperationAt:
    """One operation as it is served at one microversion, under the API's URL ``prefix``."""

    info: OperationInfo
    prefix: str
    status: int
    errors: frozenset[int] | None
    body_schema: Schema | None
    query_schema: Schema | None
    response_schema: Schema | None

    @property
    def path(self) -> str:
        """The URL path template, the API's prefix (``/v2.1``) included."""
        return self.prefix + self.info.template

    @property
    def label(self) -> str:
        """How people name the operation: ``POST /v2.1/servers/{id}/action (reboot)``."""
        action = f" ({self.info.action})" if self.info.action else ""
        return f"{self.info.method} {self.path}{action}"

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies the operation across versions: method, path and action or name."""
        return self.info.method, self.info.template, self.info.action or self.info.name


def operation_at(info: OperationInfo, version: APIVersion, prefix: str) -> OperationAt | None:
    """The facts of ``info`` at ``version`` under ``prefix``, or ``None`` where it does not exist."""
    meta = info.meta
    if version not in meta.versions:
        return None
    return OperationAt(
        info=info,
        prefix=prefix,
        status=pick(meta.status, version, DEFAULT_STATUS),
        errors=pick(meta.errors, version),
        body_schema=pick(info.body_schemas, version),
        query_schema=pick(meta.query_schemas, version),
        response_schema=pick(meta.response_schemas, version),
    )


def operations_at(operations: Iterable[OperationInfo], version: APIVersion, prefix: str) -> list[OperationAt]:
    """Every operation that exists at ``version``, under ``prefix``, ordered by path, method and action."""
    found = [fact for fact in (operation_at(info, version, prefix) for info in operations) if fact is not None]
    return sorted(found, key=lambda fact: (fact.info.template, fact.info.method, fact.key[2]))


def path_parameters(template: str) -> list[str]:
    """The names of the ``{variables}`` of a path template, in order."""
    return [segment[1:-1] for segment in template.split("/") if segment.startswith("{")]


def operation_id(info: OperationInfo) -> str:
    """A stable, unique id: the literal path segments and the operation's name.

    ``GET /widgets/{id}/parts`` index → ``widgets_parts_index``; a collection action
    such as ``GET /widgets/detail`` → ``widgets_detail``. Actions share one operation
    per path, ``<collection>_action``.
    """
    literals = [segment for segment in info.template.split("/") if segment and not segment.startswith("{")]
    name = "action" if info.action else info.name
    if literals and literals[-1] == name:
        literals.pop()
    return "_".join([*literals, name]).replace("-", "_")


def field_paths(schema: Any, prefix: str = "") -> Iterator[str]:
    """The dotted names of every property a schema describes (``server.flavor.id``).

    Array items add ``[]`` (``servers[].id``); ``allOf``/``anyOf``/``oneOf`` branches
    contribute their properties under the same prefix.
    """
    if not isinstance(schema, Mapping):
        return
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from field_paths(sub, path)
    if "items" in schema:
        yield from field_paths(schema["items"], prefix + "[]")
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            yield from field_paths(sub, prefix)

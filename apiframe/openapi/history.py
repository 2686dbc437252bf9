"""The version history of an API, computed from its operations: what changes at each microversion.

For every microversion of a :class:`~apiframe.api_version.VersionHistory` it gives the
one-line description and, by comparing the operations served at that version with
those served at the one before, the operations added and removed and, per operation,
the changes of status code, declared errors, request fields, query parameters and
response fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from apiframe.api_version import VersionHistory
from apiframe.assembly import OperationInfo, all_versions
from apiframe.openapi.facts import OperationAt, field_paths, operations_at

if TYPE_CHECKING:
    from apiframe.app import API

REGENERATE = "apiframe-api version-history > docs/api-versions.md"


def render_version_history(api: API) -> str:
    """The Markdown version history of an assembled API (``docs/api-versions.md``)."""
    return version_history_markdown(api.assembly.operations, api.history, api.definition.prefix)


def version_history_markdown(operations: Iterable[OperationInfo], history: VersionHistory, prefix: str) -> str:
    """The Markdown version history of ``operations`` (under URL ``prefix``) over every version of ``history``."""
    operations = list(operations)
    lines = [
        f"# Microversions of the {history.service_type} API",
        "",
        f"<!-- Generated from the plugins' declarations by `{REGENERATE}`; do not edit. -->",
        "",
        f"The API serves microversions {history.min} to {history.max}. Each section gives the "
        "version's description, then the operations and fields that change at it.",
    ]
    previous: dict[tuple[str, str, str], OperationAt] | None = None
    for version in all_versions(history):
        current = {fact.key: fact for fact in operations_at(operations, version, prefix)}
        lines += ["", f"## {version}", "", history.descriptions[str(version)], ""]
        if previous is None:
            lines.append("Operations:")
            lines.append("")
            lines += [f"- `{fact.label}`" for fact in current.values()] or ["- none"]
        else:
            lines += version_changes(previous, current) or ["- No change in the operations served."]
        previous = current
    return "\n".join(lines) + "\n"


def version_changes(before: Mapping[tuple[str, str, str], OperationAt],
                    after: Mapping[tuple[str, str, str], OperationAt]) -> list[str]:
    """Markdown list items for what differs between two versions' operations."""
    items = []
    for key, fact in after.items():
        if key not in before:
            items.append(f"- `{fact.label}`: added")
            continue
        changes = operation_changes(before[key], fact)
        if changes:
            items.append(f"- `{fact.label}`: " + "; ".join(changes))
    items += [f"- `{fact.label}`: removed" for key, fact in before.items() if key not in after]
    return items


def operation_changes(old: OperationAt, new: OperationAt) -> list[str]:
    """What changed in one operation from one version to the next, in words."""
    changes = []
    if old.status != new.status:
        changes.append(f"status {old.status} → {new.status}")
    if old.errors != new.errors:
        changes += _set_changes("errors", set(old.errors or ()), set(new.errors or ()), str)
    changes += _schema_changes("request", old.body_schema, new.body_schema, field_paths)
    changes += _schema_changes("query", old.query_schema, new.query_schema, _query_names)
    changes += _schema_changes("response", old.response_schema, new.response_schema, field_paths)
    return changes


def _query_names(schema: Any) -> Iterable[str]:
    return schema.get("properties", {}) if isinstance(schema, Mapping) else ()


def _schema_changes(what: str, old: Any, new: Any, names: Callable[[Any], Iterable[str]]) -> list[str]:
    if old == new:
        return []
    changes = _set_changes(what, set(names(old)), set(names(new)), lambda name: f"`{name}`")
    return changes or [f"{what} schema changes"]


def _set_changes(what: str, old: set[Any], new: set[Any], show: Callable[[Any], str]) -> list[str]:
    changes = []
    if new - old:
        changes.append(f"{what} adds " + ", ".join(show(item) for item in sorted(new - old)))
    if old - new:
        changes.append(f"{what} drops " + ", ".join(show(item) for item in sorted(old - new)))
    return changes


"""Extension points: plugins add properties to another operation's request schema.

An operation declares a named point (``@validation.schema(..., extension_point=
"servers.create")``); a plugin contributes a :class:`SchemaFragment` to it. At start-up
:func:`merge_fragments` builds new schemas from deep copies of the base ones, splitting
the base's version ranges wherever a fragment starts or stops applying. The base dicts
are never touched, two plugins may not claim the same property, and every merged schema
must pass :func:`~apiframe.validation.schemas.check_schema`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from apiframe.api_version import APIVersion, VersionRange
from apiframe.exception import StartupError
from apiframe.registry import Ranged
from apiframe.validation.schemas import check_schema

# No version follows every minor of a major; this bounds "all of major N" from above.
_LAST_MINOR = 10**9


@dataclass(frozen=True)
class SchemaFragment:
    """Properties that ``plugin`` adds to the request schema of extension ``point``.

    ``path`` names the properties leading from the body's root to the object that
    receives the new ``properties`` (``("server",)`` for ``servers.create``);
    ``required`` lists which of the new properties are mandatory.
    """

    point: str
    plugin: str
    properties: Mapping[str, dict[str, Any]]
    path: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    min_version: str | APIVersion | None = None
    max_version: str | APIVersion | None = None
    versions: VersionRange = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "versions", VersionRange.of(self.min_version, self.max_version))


def merge_all(bases: Mapping[str, Sequence[Ranged]],
              fragments: Iterable[SchemaFragment]) -> dict[str, list[Ranged]]:
    """Merge every fragment into the base schemas of its point.

    ``bases`` maps each declared extension point to its operation's ``body_schemas``.
    Returns the merged schemas for every point that received fragments; raises
    :class:`StartupError` for a fragment whose point no operation declares.
    """
    by_point: dict[str, list[SchemaFragment]] = {}
    for fragment in fragments:
        if fragment.point not in bases:
            known = ", ".join(sorted(bases)) or "none"
            raise StartupError(
                f"plugin {fragment.plugin}: schema fragment for unknown extension point "
                f"{fragment.point!r} (declared points: {known})")
        by_point.setdefault(fragment.point, []).append(fragment)
    return {point: merge_fragments(point, bases[point], point_fragments)
            for point, point_fragments in by_point.items()}


def merge_fragments(point: str, base: Sequence[Ranged],
                    fragments: Sequence[SchemaFragment]) -> list[Ranged]:
    """Return new ranged schemas: ``base`` with ``fragments`` merged where they apply.

    A base range in which some fragment starts or stops applying is split, so each
    returned range has one fixed set of fragments. Ranges no fragment touches keep
    their base schema object (unchanged and shared).
    """
    for fragment in fragments:
        if not any(fragment.versions.overlaps(ranged.versions) for ranged in base):
            raise StartupError(
                f"plugin {fragment.plugin}: schema fragment for {point!r} applies to versions "
                f"{fragment.versions}, where the operation has no request schema")
    cuts = _cut_points(fragments)
    merged: list[Ranged] = []
    for ranged in base:
        for piece in _split(ranged.versions, cuts):
            applying = [f for f in fragments if f.versions.overlaps(piece)]
            if applying:
                merged.append(Ranged(piece, _merge(point, piece, ranged.value, applying)))
            else:
                merged.append(Ranged(piece, ranged.value))
    return merged


def _cut_points(fragments: Sequence[SchemaFragment]) -> list[APIVersion]:
    """Versions at which some fragment starts or stops applying."""
    cuts = set()
    for fragment in fragments:
        if fragment.versions.min is not None:
            cuts.add(fragment.versions.min)
        if fragment.versions.max is not None:
            high = fragment.versions.max
            cuts.add(APIVersion(high.major, high.minor + 1))
    return sorted(cuts)


def _before(version: APIVersion) -> APIVersion:
    if version.minor == 0:
        return APIVersion(version.major - 1, _LAST_MINOR)
    return APIVersion(version.major, version.minor - 1)


def _split(versions: VersionRange, cuts: Sequence[APIVersion]) -> list[VersionRange]:
    inside = [cut for cut in cuts if (versions.min is None or cut > versions.min)
              and (versions.max is None or cut <= versions.max)]
    pieces, low = [], versions.min
    for cut in inside:
        pieces.append(VersionRange(low, _before(cut)))
        low = cut
    pieces.append(VersionRange(low, versions.max))
    return pieces


def _merge(point: str, piece: VersionRange, base_schema: Mapping[str, Any],
           fragments: Sequence[SchemaFragment]) -> dict[str, Any]:
    merged = copy.deepcopy(base_schema)
    owners: dict[tuple[tuple[str, ...], str], str] = {}
    for fragment in fragments:
        target = _target(merged, fragment, point)
        properties = target.setdefault("properties", {})
        for name, prop_schema in fragment.properties.items():
            owner = owners.get((fragment.path, name))
            if owner is not None:
                raise StartupError(
                    f"plugins {owner} and {fragment.plugin} both add property {name!r} to "
                    f"{point!r}{_at(fragment.path)} at versions {piece}")
            if name in properties:
                raise StartupError(
                    f"plugin {fragment.plugin}: property {name!r} of {point!r}{_at(fragment.path)} "
                    "already exists in the operation's own schema")
            owners[(fragment.path, name)] = fragment.plugin
            properties[name] = copy.deepcopy(dict(prop_schema))
        unknown = [name for name in fragment.required if name not in fragment.properties]
        if unknown:
            raise StartupError(
                f"plugin {fragment.plugin}: fragment for {point!r} requires {', '.join(unknown)}, "
                "which it does not add")
        if fragment.required:
            target["required"] = [*target.get("required", ()), *fragment.required]
    plugins = ", ".join(sorted({f.plugin for f in fragments}))
    check_schema(merged, f"{point!r} at versions {piece} as extended by plugins {plugins}")
    return merged


def _target(schema: dict[str, Any], fragment: SchemaFragment, point: str) -> dict[str, Any]:
    target = schema
    for depth, name in enumerate(fragment.path):
        child = target.get("properties", {}).get(name)
        if not isinstance(child, dict):
            raise StartupError(
                f"plugin {fragment.plugin}: fragment path {'/'.join(fragment.path[:depth + 1])!r} "
                f"does not exist in the schema of {point!r}")
        target = child
    if target.get("type") != "object":
        raise StartupError(
            f"plugin {fragment.plugin}: fragment path {'/'.join(fragment.path) or '(root)'} of {point!r} "
            "is not an object schema")
    return target


def _at(path: tuple[str, ...]) -> str:
    return f" at {'/'.join(path)}" if path else ""

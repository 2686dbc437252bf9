"""Start-up checks on the schemas that plugins declare, and a walker over subschemas.

A schema used by apiframe must be valid JSON-Schema 2020-12, must mean the same when
compiled as draft-07 (the fast validator's dialect), may only name formats listed in
:data:`apiframe.validation.formats.FORMATS`, and every object-typed subschema must say
whether it takes unknown properties: an API that silently ignores a misspelt field is
worse than one that refuses it, and that choice should be visible in the schema.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import fastjsonschema
import jsonschema
import jsonschema.exceptions

from apiframe.exception import StartupError
from apiframe.validation.formats import FORMATS

_SINGLE = ("additionalProperties", "items", "contains", "propertyNames", "not", "if", "then", "else")
_MAPPING = ("properties", "patternProperties")
_LIST = ("allOf", "anyOf", "oneOf")

# Keywords that 2020-12 and draft-07 read differently, or that the fast validator
# cannot follow; schemas are composed in Python instead of by reference.
_NOT_PORTABLE = frozenset({
    "$ref", "$defs", "definitions", "$dynamicRef", "$dynamicAnchor", "$anchor", "$recursiveRef",
    "prefixItems", "additionalItems", "dependencies", "dependentRequired", "dependentSchemas",
    "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains",
})


def iter_subschemas(schema: Any, pointer: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Yield ``(json_pointer, subschema)`` for ``schema`` and every schema inside it.

    Boolean schemas are skipped (they have nothing to check or rewrite).
    """
    if not isinstance(schema, Mapping):
        return
    yield pointer, schema
    for key in _SINGLE:
        if key in schema:
            yield from iter_subschemas(schema[key], f"{pointer}/{key}")
    for key in _MAPPING:
        for name, sub in schema.get(key, {}).items():
            yield from iter_subschemas(sub, f"{pointer}/{key}/{_escape(name)}")
    for key in _LIST:
        for index, sub in enumerate(schema.get(key, ())):
            yield from iter_subschemas(sub, f"{pointer}/{key}/{index}")


def map_subschemas(schema: Any, change: Callable[[dict[str, Any]], Any]) -> Any:
    """A rebuilt copy of ``schema`` in which ``change`` has replaced every subschema.

    Subschemas are changed innermost first; ``change`` receives a fresh dict it may
    modify. Boolean schemas are kept as they are.
    """
    if not isinstance(schema, Mapping):
        return schema
    rebuilt: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _SINGLE:
            rebuilt[key] = map_subschemas(value, change)
        elif key in _MAPPING:
            rebuilt[key] = {name: map_subschemas(sub, change) for name, sub in value.items()}
        elif key in _LIST:
            rebuilt[key] = [map_subschemas(sub, change) for sub in value]
        else:
            rebuilt[key] = value
    return change(rebuilt)


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def is_object_typed(schema: Mapping[str, Any]) -> bool:
    """True when the subschema's ``type`` is or includes ``"object"``."""
    declared = schema.get("type")
    return declared == "object" or (isinstance(declared, list) and "object" in declared)


def check_schema(schema: Mapping[str, Any], where: str) -> None:
    """Check that ``schema`` is fit for apiframe; raise :class:`StartupError` naming ``where``.

    ``where`` says whose schema it is (plugin and operation), so the message tells the
    author what to fix.
    """
    try:
        _portable_meta_check(schema)
    except fastjsonschema.JsonSchemaException:
        _full_meta_check(schema, where)
    for pointer, sub in iter_subschemas(schema):
        location = pointer or "/"
        unportable = sorted(_NOT_PORTABLE.intersection(sub))
        if unportable:
            raise StartupError(
                f"{where}: schema at {location} uses {', '.join(unportable)}; apiframe schemas are "
                "composed in Python and may only use keywords that mean the same in draft-07")
        if isinstance(sub.get("items"), list):
            raise StartupError(f"{where}: schema at {location} gives 'items' as a list; use one schema")
        if "format" in sub and sub["format"] not in FORMATS:
            raise StartupError(
                f"{where}: schema at {location} names unknown format {sub['format']!r}; "
                f"known formats: {', '.join(sorted(FORMATS))}")
        if is_object_typed(sub) and "additionalProperties" not in sub:
            raise StartupError(
                f"{where}: object schema at {location} must state 'additionalProperties' "
                "(false to refuse unknown properties, true to allow them)")


@functools.cache
def _compiled_draft7_meta_schema() -> Callable[[Any], Any]:
    return fastjsonschema.compile(jsonschema.Draft7Validator.META_SCHEMA, use_default=False)


def _portable_meta_check(schema: Mapping[str, Any]) -> None:
    """The meta-schema check that runs at every start-up, in microseconds.

    For schemas made only of the keywords both drafts share (the loop in
    :func:`check_schema` refuses the others), validity under the draft-07 meta-schema
    and under the 2020-12 one coincide; the test suite checks every shipped schema
    against the full 2020-12 meta-schema as well, which takes about 30 ms per schema.
    """
    _compiled_draft7_meta_schema()(schema)


def _full_meta_check(schema: Mapping[str, Any], where: str) -> None:
    """The 2020-12 meta-schema check, run to explain a schema the fast check refused."""
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        location = "/" + "/".join(str(part) for part in error.path)
        raise StartupError(f"{where}: invalid JSON-Schema at {location}: {error.message}") from None

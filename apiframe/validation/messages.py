"""Client messages for invalid bodies and query strings: what was expected, what came.

A message keeps the frame the compute API's clients know — ``Invalid input for
field/attribute <name>. Value: <value>. <reason>`` (``query parameters`` for a query
string) when the error is inside the request, the bare reason when it is about the
request as a whole — and words the reason for a person, the same way for every schema
of every plugin: ``Expected a string or an integer, got null.``, ``Property 'colour' is
not supported at microversion 2.4; supported: name, size.``, ``The request body must be
a JSON object; it was empty or null.``

Offending values are echoed clipped (:data:`VALUE_LIMIT`), so a huge or deeply nested
value never makes a huge message. Keywords without a wording of their own fall back to
jsonschema's message, clipped to :data:`REASON_LIMIT`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from jsonschema.exceptions import ValidationError

from apiframe.api_version import APIVersion
from apiframe.validation.formats import FORMAT_DESCRIPTIONS, NAME_MESSAGES, PRINTABLE_REASON

VALUE_LIMIT = 255
"""Characters of an offending value echoed in a message; the rest becomes ``...``."""

REASON_LIMIT = 512
"""Characters of a fallback reason (which may quote the value again) kept in a message."""

_RENDER_DEPTH = 8
_NAMES_SHOWN = 5

Where = Literal["body", "query"]


# ---------------------------------------------------------------------------
# Bounded rendering of offending values


def _tokens(value: Any, depth: int) -> Iterator[str]:
    if isinstance(value, dict):
        if depth >= _RENDER_DEPTH:
            yield "{...}"
            return
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            if index:
                yield ", "
            yield from _tokens(key, depth + 1)
            yield ": "
            yield from _tokens(item, depth + 1)
        yield "}"
    elif isinstance(value, (list, tuple)):
        if depth >= _RENDER_DEPTH:
            yield "[...]"
            return
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _tokens(item, depth + 1)
        yield "]"
    elif isinstance(value, str):
        yield repr(value[: VALUE_LIMIT + 1])
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * VALUE_LIMIT:
        yield "<integer too large to show>"
    else:
        yield repr(value)


def _clip(text: str, limit: int = VALUE_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def brief_repr(value: Any) -> str:
    """``repr(value)`` for small values; a clipped form for long or deeply nested ones."""
    parts, size = [], 0
    for token in _tokens(value, 0):
        parts.append(token)
        size += len(token)
        if size > VALUE_LIMIT:
            break
    return _clip("".join(parts))


def brief_str(value: Any) -> str:
    """``str(value)`` as a message shows it, clipped like :func:`brief_repr`."""
    return _clip(value) if isinstance(value, str) else brief_repr(value)


def schema_message(error: ValidationError) -> str:
    """jsonschema's own message for ``error``, with a huge value in it clipped."""
    if error.validator == "format" and error.validator_value == "printable":
        return PRINTABLE_REASON
    reason = error.message
    if len(reason) > REASON_LIMIT:
        with contextlib.suppress(ValueError, RecursionError):
            reason = reason.replace(repr(error.instance), brief_repr(error.instance))
    return _clip(reason, REASON_LIMIT)


# ---------------------------------------------------------------------------
# The client message


def client_message(error: ValidationError, where: Where, version: APIVersion | None = None) -> str:
    """The message a client gets for ``error``, the first error of its body or query.

    ``version`` is the microversion of the request; messages about unsupported
    properties and parameters name it.
    """
    error = _reported(error)
    if error.validator == "format" and error.validator_value in NAME_MESSAGES:
        return NAME_MESSAGES[error.validator_value]
    path = error.absolute_path
    if not path:
        if where == "body" and error.validator == "type":
            found = "empty or null" if error.instance is None else _kind(error.instance)
            return f"The request body must be {_types(error.validator_value)}; it was {found}."
        return _reason(error, where, version)
    field = path[-1] if where == "body" else path[0]
    what = "field/attribute" if where == "body" else "query parameters"
    return (f"Invalid input for {what} {_clip(str(field))}. "
            f"Value: {brief_str(error.instance)}. {_reason(error, where, version)}")


def _reported(error: ValidationError) -> ValidationError:
    """The error to report: inside a ``oneOf``/``anyOf``, the error of the one alternative
    that has the value's shape, when exactly one does (a string too long for
    ``string or null`` is "too long", not "matches no alternative")."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        first_errors: dict[Any, ValidationError] = {}
        for sub in error.context:
            first_errors.setdefault(sub.relative_schema_path[0], sub)
        fitting = [sub for sub in first_errors.values() if not _wrong_shape(sub)]
        if len(fitting) != 1:
            break
        error = fitting[0]
    return error


def _wrong_shape(error: ValidationError) -> bool:
    return not error.relative_path and error.validator in ("type", "enum", "const")


def _reason(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    word = _WORDINGS.get(str(error.validator))
    reason = word(error, where, version) if word is not None else None
    return reason or schema_message(error)


# ---------------------------------------------------------------------------
# Wordings, one per keyword; None falls back to jsonschema's message.

_TYPE_NAMES = {"object": "a JSON object", "array": "a JSON array", "string": "a string",
               "integer": "an integer", "number": "a number", "boolean": "a boolean", "null": "null"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a JSON array"
    if isinstance(value, dict):
        return "a JSON object"
    return type(value).__name__


def _either(phrases: Sequence[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _types(declared: str | Sequence[str]) -> str:
    names = [declared] if isinstance(declared, str) else list(declared)
    return _either([_TYPE_NAMES.get(name, repr(name)) for name in names])


def _count(number: int, noun: str, plural: str) -> str:
    return f"{number} {noun if number == 1 else plural}"


def _listed(values: Sequence[Any]) -> str:
    return ", ".join(brief_repr(value) for value in values)


def _type(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return f"Expected {_types(error.validator_value)}, got {_kind(error.instance)}."


def _required(error: ValidationError, where: Where, version: APIVersion | None) -> str | None:
    if not isinstance(error.instance, dict):
        return None
    missing = [name for name in error.validator_value if name not in error.instance]
    if not missing:
        return None
    noun = "property" if len(missing) == 1 else "properties"
    return f"Missing required {noun} {_listed(missing)}."


def _unsupported(error: ValidationError, where: Where, version: APIVersion | None) -> str | None:
    if error.validator_value is not False or not isinstance(error.instance, dict):
        return None
    known = error.schema.get("properties", {})
    patterns = [re.compile(pattern) for pattern in error.schema.get("patternProperties", {})]
    extra = [key for key in error.instance
             if key not in known and not any(pattern.search(key) for pattern in patterns)]
    if not extra:
        return None
    one = len(extra) == 1
    if where == "query":
        noun = "Query parameter" if one else "Query parameters"
    else:
        noun = "Property" if one else "Properties"
    shown = _listed(extra[:_NAMES_SHOWN]) + (f" and {len(extra) - _NAMES_SHOWN} more"
                                             if len(extra) > _NAMES_SHOWN else "")
    at = f" at microversion {version}" if version is not None else ""
    return (f"{noun} {shown} {'is' if one else 'are'} not supported{at}; "
            f"supported: {', '.join(known) or 'none'}.")


def _size(noun: str, plural: str) -> Callable[..., str | None]:
    def word(error: ValidationError, where: Where, version: APIVersion | None) -> str | None:
        try:
            size = len(error.instance)
        except TypeError:
            return None
        low_key, high_key = str(error.validator).replace("max", "min"), str(error.validator).replace("min", "max")
        if error.schema.get(low_key) == error.schema.get(high_key):
            bound = "exactly"
        else:
            bound = "at least" if str(error.validator).startswith("min") else "at most"
        return f"Expected {bound} {_count(error.validator_value, noun, plural)}, got {size}."
    return word


_BOUNDS = {"minimum": "at least", "maximum": "at most",
           "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}


def _bound(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return f"Expected {_BOUNDS[str(error.validator)]} {error.validator_value}, got {brief_repr(error.instance)}."


def _enum(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return f"Expected one of {_listed(error.validator_value)}, got {brief_repr(error.instance)}."


def _const(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return f"Expected {brief_repr(error.validator_value)}, got {brief_repr(error.instance)}."


def _pattern(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return f"Expected a string matching {error.validator_value!r}, got {brief_repr(error.instance)}."


def _format(error: ValidationError, where: Where, version: APIVersion | None) -> str | None:
    description = FORMAT_DESCRIPTIONS.get(error.validator_value)
    if description is None:
        return None
    return f"Expected {description}, got {brief_repr(error.instance)}."


def _unique(error: ValidationError, where: Where, version: APIVersion | None) -> str:
    return "Expected every item once, got some more than once."


def _alternatives(error: ValidationError, where: Where, version: APIVersion | None) -> str | None:
    if not error.context:
        return "Expected a value of exactly one accepted form, got one of several."
    described = [_describe(sub) for sub in error.validator_value]
    if not all(described):
        return None
    return f"Expected {_either(described)}, got {_kind(error.instance)}."


def _describe(schema: Any) -> str | None:
    if not isinstance(schema, Mapping):
        return None
    if "enum" in schema:
        return f"one of {_listed(schema['enum'])}"
    if "const" in schema:
        return brief_repr(schema["const"])
    if "type" in schema:
        return _types(schema["type"])
    return None


_WORDINGS: dict[str, Callable[..., str | None]] = {
    "type": _type,
    "required": _required,
    "additionalProperties": _unsupported,
    "minLength": _size("character", "characters"),
    "maxLength": _size("character", "characters"),
    "minItems": _size("item", "items"),
    "maxItems": _size("item", "items"),
    "minProperties": _size("property", "properties"),
    "maxProperties": _size("property", "properties"),
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "format": _format,
    "uniqueItems": _unique,
    "oneOf": _alternatives,
    "anyOf": _alternatives,
}

"""Reading JSON request bodies safely: every malformed body is a 400, never a 500."""

from __future__ import annotations

import json
import re
from typing import Any

from apiframe import exception

#: The content types of a JSON request body when the API names no media type of its own.
JSON_TYPES = frozenset({"application/json"})
# Escaped UTF-16 surrogates: only these can smuggle an unpaired surrogate into a string.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def read_json(environ: dict[str, Any], media_types: frozenset[str] = JSON_TYPES) -> Any:
    """Parse the request body as JSON; ``None`` when the request has no body.

    A body with a Content-Type not in ``media_types`` (lower case, without parameters)
    gets 415; a body that is not valid UTF-8 JSON (or that nests too deeply, or holds an
    integer too long to parse, or ``NaN``, or an unpaired surrogate) gets 400.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise exception.BadRequest("Invalid Content-Length header.") from None
    if length <= 0:
        return None
    raw = environ["wsgi.input"].read(length)
    if not raw.strip():
        return None
    content_type = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in media_types:
        raise exception.UnsupportedMediaType(f"Unsupported Content-Type {content_type!r}; send application/json")
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise exception.BadRequest("Malformed request body") from None
    if _SURROGATE_ESCAPE.search(raw) and _has_lone_surrogate(body):
        raise exception.BadRequest("Malformed request body: unpaired UTF-16 surrogate")
    return body


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False

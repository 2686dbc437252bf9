"""JSON-Schema of ``/notes``: requests, query strings and responses, per microversion."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

_title = {"type": "string", "minLength": 1, "maxLength": 255}
_text = {"type": "string", "maxLength": 4096}
_tags = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 60}, "maxItems": 10}

create = {
    "type": "object",
    "properties": {
        "note": {
            "type": "object",
            "properties": {"title": _title, "text": _text},
            "required": ["title"],
            "additionalProperties": False,
        },
    },
    "required": ["note"],
    "additionalProperties": False,
}

# 2.3: notes may carry tags.
create_v23 = copy.deepcopy(create)
create_v23["properties"]["note"]["properties"]["tags"] = _tags

index_query = {
    "type": "object",
    "properties": {"limit": parameter_types.single_param(parameter_types.non_negative_integer)},
    "additionalProperties": False,
}

show_query = {"type": "object", "properties": {}, "additionalProperties": False}

_link = {
    "type": "object",
    "properties": {"rel": {"type": "string"}, "href": {"type": "string"}},
    "required": ["rel", "href"],
    "additionalProperties": False,
}
_note = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "title": _title,
        "text": _text,
        "created_at": {"type": "string"},
        "links": {"type": "array", "items": _link},
    },
    "required": ["id", "title", "text", "created_at", "links"],
    "additionalProperties": False,
}
_note_v23 = copy.deepcopy(_note)
_note_v23["properties"]["tags"] = _tags
_note_v23["required"].append("tags")


def _one(note: dict) -> dict:
    return {"type": "object", "properties": {"note": note}, "required": ["note"], "additionalProperties": False}


def _many(note: dict) -> dict:
    return {"type": "object", "properties": {"notes": {"type": "array", "items": note}},
            "required": ["notes"], "additionalProperties": False}


show_response = _one(_note)
show_response_v23 = _one(_note_v23)
index_response = _many(_note)
index_response_v23 = _many(_note_v23)

"""Schemas of ``/servers/{server_id}/metadata`` (all items, one item)."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

create = {
    "type": "object",
    "properties": {"metadata": parameter_types.metadata},
    "required": ["metadata"],
    "additionalProperties": False,
}

update_all = copy.deepcopy(create)

update = {
    "type": "object",
    "properties": {"meta": parameter_types.metadata_item},
    "required": ["meta"],
    "additionalProperties": False,
}

index_query = {"type": "object", "properties": {}, "additionalProperties": True}

show_query = copy.deepcopy(index_query)

index_response = {
    "type": "object",
    "properties": {"metadata": parameter_types.response_metadata},
    "required": ["metadata"],
    "additionalProperties": False,
}

create_response = copy.deepcopy(index_response)

update_all_response = copy.deepcopy(index_response)

_meta = copy.deepcopy(parameter_types.response_metadata)
_meta.update({"minProperties": 1, "maxProperties": 1})

show_response = {
    "type": "object",
    "properties": {"meta": _meta},
    "required": ["meta"],
    "additionalProperties": False,
}

update_response = copy.deepcopy(show_response)

delete_response = {"type": "null"}

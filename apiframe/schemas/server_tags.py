"""Schemas of ``/servers/{server_id}/tags`` (2.26+)."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

update_all = {
    "type": "object",
    "properties": {"tags": parameter_types.tags},
    "required": ["tags"],
    "additionalProperties": False,
}

# PUT /servers/{id}/tags/{tag} takes no body.
update = {"type": "null"}

index_query = {"type": "object", "properties": {}, "additionalProperties": True}

show_query = copy.deepcopy(index_query)

index_response = {
    "type": "object",
    "properties": {"tags": {"type": "array", "items": parameter_types.tag}},
    "required": ["tags"],
    "additionalProperties": False,
}

update_all_response = copy.deepcopy(index_response)

show_response = {"type": "null"}

update_response = {"type": "null"}

delete_response = {"type": "null"}

delete_all_response = {"type": "null"}

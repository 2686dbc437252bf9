"""Schemas of ``/flavors/{flavor_id}/os-extra_specs[/{key}]``."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

# Requests may give numbers as values; responses always carry strings.
_specs = copy.deepcopy(parameter_types.metadata)
_specs["patternProperties"] = {
    key: {**value, "type": ["string", "number"]} for key, value in _specs["patternProperties"].items()
}

create = {
    "type": "object",
    "properties": {"extra_specs": _specs},
    "required": ["extra_specs"],
    "additionalProperties": False,
}

# PUT /flavors/{id}/os-extra_specs/{key}: the body is the one item itself.
update = copy.deepcopy(_specs)
update.update({"minProperties": 1, "maxProperties": 1})

index_query = {"type": "object", "properties": {}, "additionalProperties": True}

show_query = copy.deepcopy(index_query)

index_response = {
    "type": "object",
    "properties": {"extra_specs": parameter_types.metadata},
    "required": ["extra_specs"],
    "additionalProperties": False,
}

create_response = copy.deepcopy(index_response)

show_response = copy.deepcopy(parameter_types.metadata)
show_response.update({"minProperties": 1, "maxProperties": 1})

update_response = copy.deepcopy(show_response)

delete_response = {"type": "null"}

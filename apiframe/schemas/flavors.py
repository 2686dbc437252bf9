"""Schemas of ``/flavors`` (list, detail, show, create, update, delete)."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

VALID_SORT_KEYS = [
    "created_at", "description", "disabled", "ephemeral_gb", "flavorid", "id", "is_public",
    "memory_mb", "name", "root_gb", "rxtx_factor", "swap", "updated_at", "vcpu_weight", "vcpus",
]

# A flavor description lives in a TEXT column.
_description = {"type": ["string", "null"], "format": "printable", "minLength": 0, "maxLength": 65535}

create = {
    "type": "object",
    "properties": {
        "flavor": {
            "type": "object",
            "properties": {
                "name": parameter_types.name,
                # Omitted or null: the API generates a UUID as the flavor id.
                "id": {
                    "type": ["string", "number", "null"],
                    "minLength": 1,
                    "maxLength": 255,
                    "pattern": "^(?! )[a-zA-Z0-9. _-]+(?<! )$",
                },
                "ram": parameter_types.flavor_param_positive,
                "vcpus": parameter_types.flavor_param_positive,
                "disk": parameter_types.flavor_param_non_negative,
                "OS-FLV-EXT-DATA:ephemeral": parameter_types.flavor_param_non_negative,
                "swap": parameter_types.flavor_param_non_negative,
                "rxtx_factor": {
                    "type": ["number", "string"],
                    "pattern": r"^[0-9]+(\.[0-9]+)?$",
                    "exclusiveMinimum": 0,
                    # The largest single-precision float the database column holds.
                    "maximum": 3.40282e38,
                },
                "os-flavor-access:is_public": parameter_types.boolean,
            },
            "required": ["name", "ram", "vcpus", "disk"],
            "additionalProperties": False,
        },
    },
    "required": ["flavor"],
    "additionalProperties": False,
}

create_v255 = copy.deepcopy(create)
create_v255["properties"]["flavor"]["properties"]["description"] = _description

# PUT /flavors/{id} exists from 2.55 and can change the description only.
update = {
    "type": "object",
    "properties": {
        "flavor": {
            "type": "object",
            "properties": {"description": _description},
            "required": ["description"],
            "additionalProperties": False,
        },
    },
    "required": ["flavor"],
    "additionalProperties": False,
}

index_query = {
    "type": "object",
    "properties": {
        "limit": parameter_types.limit,
        "marker": parameter_types.marker,
        "is_public": parameter_types.common_query_param,
        "minRam": parameter_types.common_query_param,
        "minDisk": parameter_types.common_query_param,
        "sort_key": parameter_types.multi_params({"type": "string", "enum": VALID_SORT_KEYS}),
        "sort_dir": parameter_types.sort_dir,
    },
    # Unknown parameters are ignored until 2.75, which rejects them.
    "additionalProperties": True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275["additionalProperties"] = False

show_query = {"type": "object", "properties": {}, "additionalProperties": True}

_links = parameter_types.links

_flavor_basic = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "links": _links,
    },
    "required": ["id", "links", "name"],
    "additionalProperties": False,
}

_flavor_basic_v255 = copy.deepcopy(_flavor_basic)
_flavor_basic_v255["properties"]["description"] = {"type": ["string", "null"]}
_flavor_basic_v255["required"].append("description")

_flavor = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "links": _links,
        "ram": {"type": "integer"},
        "disk": {"type": "integer"},
        "vcpus": {"type": "integer"},
        "swap": {"anyOf": [{"type": "integer"}, {"const": ""}]},
        "rxtx_factor": {"anyOf": [{"type": "number"}, {"const": ""}]},
        "os-flavor-access:is_public": {"type": "boolean"},
        "OS-FLV-EXT-DATA:ephemeral": {"type": "integer"},
        "OS-FLV-DISABLED:disabled": {"type": "boolean"},
    },
    "required": [
        "id", "name", "links", "ram", "disk", "vcpus", "swap", "rxtx_factor",
        "os-flavor-access:is_public", "OS-FLV-EXT-DATA:ephemeral", "OS-FLV-DISABLED:disabled",
    ],
    "additionalProperties": False,
}

_flavor_v255 = copy.deepcopy(_flavor)
_flavor_v255["properties"]["description"] = {"type": ["string", "null"]}
_flavor_v255["required"].append("description")

# extra_specs is policy-gated, so it is allowed but not required.
_flavor_v261 = copy.deepcopy(_flavor_v255)
_flavor_v261["properties"]["extra_specs"] = parameter_types.metadata

_flavor_v275 = copy.deepcopy(_flavor_v261)
_flavor_v275["properties"]["swap"] = {"type": "integer"}

_flavors_links = parameter_types.collection_links


def _one(flavor: dict) -> dict:
    return {
        "type": "object",
        "properties": {"flavor": copy.deepcopy(flavor)},
        "required": ["flavor"],
        "additionalProperties": False,
    }


def _many(flavor: dict) -> dict:
    return {
        "type": "object",
        "properties": {
            "flavors": {"type": "array", "items": copy.deepcopy(flavor)},
            "flavors_links": _flavors_links,
        },
        "required": ["flavors"],
        "additionalProperties": False,
    }


index_response = _many(_flavor_basic)
index_response_v255 = _many(_flavor_basic_v255)

detail_response = _many(_flavor)
detail_response_v255 = _many(_flavor_v255)
detail_response_v261 = _many(_flavor_v261)
detail_response_v275 = _many(_flavor_v275)

show_response = _one(_flavor)
show_response_v255 = _one(_flavor_v255)
show_response_v261 = _one(_flavor_v261)
show_response_v275 = _one(_flavor_v275)

# Create and update answer with the flavor as GET shows it.
create_response = show_response
create_response_v255 = show_response_v255
create_response_v261 = show_response_v261
create_response_v275 = show_response_v275

update_response = show_response_v255
update_response_v261 = show_response_v261
update_response_v275 = show_response_v275

delete_response = {"type": "null"}

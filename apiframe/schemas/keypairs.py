"""Schemas of ``/os-keypairs`` (list, show, create/import, delete)."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

_key_type = {"type": "string", "enum": ["ssh", "x509"]}

create = {
    "type": "object",
    "properties": {
        "keypair": {
            "type": "object",
            "properties": {
                "name": parameter_types.keypair_name_special_chars,
                "public_key": {"type": "string"},
            },
            "required": ["name"],
            "additionalProperties": False,
        },
    },
    "required": ["keypair"],
    "additionalProperties": False,
}

create_v22 = copy.deepcopy(create)
create_v22["properties"]["keypair"]["properties"]["type"] = _key_type

create_v210 = copy.deepcopy(create_v22)
create_v210["properties"]["keypair"]["properties"]["user_id"] = {"type": "string"}

# 2.92 no longer generates keys (a public key is required) and allows "@" and "." in names.
create_v292 = copy.deepcopy(create_v210)
create_v292["properties"]["keypair"]["properties"]["name"] = parameter_types.keypair_name_special_chars_v292
create_v292["properties"]["keypair"]["required"] = ["name", "public_key"]

index_query = {"type": "object", "properties": {}, "additionalProperties": True}

index_query_v210 = copy.deepcopy(index_query)
index_query_v210["properties"]["user_id"] = parameter_types.common_query_param

index_query_v235 = copy.deepcopy(index_query_v210)
index_query_v235["properties"].update(parameter_types.pagination_parameters)

index_query_v275 = copy.deepcopy(index_query_v235)
index_query_v275["additionalProperties"] = False

show_query = copy.deepcopy(index_query)

show_query_v210 = copy.deepcopy(index_query_v210)

show_query_v275 = copy.deepcopy(show_query_v210)
show_query_v275["additionalProperties"] = False

delete_query = copy.deepcopy(show_query)
delete_query_v210 = copy.deepcopy(show_query_v210)
delete_query_v275 = copy.deepcopy(show_query_v275)

# A keypair created at 2.92 may have "@" or "." in its name and is listed at every version,
# so responses do not restrict the characters of a name.
_name = {"type": "string", "minLength": 1, "maxLength": 255}

_listed = {
    "type": "object",
    "properties": {
        "name": _name,
        "public_key": {"type": "string"},
        "fingerprint": {"type": "string"},
    },
    "required": ["name", "public_key", "fingerprint"],
    "additionalProperties": False,
}

index_response = {
    "type": "object",
    "properties": {
        "keypairs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"keypair": _listed},
                "required": ["keypair"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["keypairs"],
    "additionalProperties": False,
}

index_response_v22 = copy.deepcopy(index_response)
_item_v22 = index_response_v22["properties"]["keypairs"]["items"]["properties"]["keypair"]
_item_v22["properties"]["type"] = _key_type
_item_v22["required"].append("type")

index_response_v235 = copy.deepcopy(index_response_v22)
index_response_v235["properties"]["keypairs_links"] = parameter_types.collection_links

create_response = {
    "type": "object",
    "properties": {
        "keypair": {
            "type": "object",
            "properties": {
                "name": _name,
                "public_key": {"type": "string"},
                "fingerprint": {"type": "string"},
                "user_id": parameter_types.user_id,
                "private_key": {"type": "string"},
            },
            "required": ["name", "public_key", "fingerprint", "user_id"],
            "additionalProperties": False,
        },
    },
    "required": ["keypair"],
    "additionalProperties": False,
}

create_response_v22 = copy.deepcopy(create_response)
create_response_v22["properties"]["keypair"]["properties"]["type"] = _key_type
create_response_v22["properties"]["keypair"]["required"].append("type")

create_response_v292 = copy.deepcopy(create_response_v22)
del create_response_v292["properties"]["keypair"]["properties"]["private_key"]

show_response = {
    "type": "object",
    "properties": {
        "keypair": {
            "type": "object",
            "properties": {
                "name": _name,
                "public_key": {"type": "string"},
                "fingerprint": {"type": "string"},
                "user_id": parameter_types.user_id,
                "id": {"type": "integer"},
                "created_at": parameter_types.date_time,
                # Keypairs are never updated nor soft-deleted, but these fields stay on the wire.
                "updated_at": {"type": ["string", "null"], "format": "date-time"},
                "deleted": {"const": False},
                "deleted_at": {"type": "null"},
            },
            "required": [
                "name", "public_key", "fingerprint", "user_id", "id",
                "created_at", "updated_at", "deleted", "deleted_at",
            ],
            "additionalProperties": False,
        },
    },
    "required": ["keypair"],
    "additionalProperties": False,
}

show_response_v22 = copy.deepcopy(show_response)
show_response_v22["properties"]["keypair"]["properties"]["type"] = _key_type
show_response_v22["properties"]["keypair"]["required"].append("type")

delete_response = {"type": "null"}

"""Reusable JSON-Schema fragments for request and response schemas.

Every fragment is a plain ``dict`` that schemas embed by reference; nothing ever mutates
them (extension points deep-copy before merging). The accepted values follow Nova's
compute API so that clients written for Nova see the same 400s. Keyword order inside a
fragment matters: the first failing keyword in schema order is the one reported.

Fragments use only keywords that mean the same in JSON-Schema draft-07 and 2020-12,
because the fast validator compiles them as draft-07.
"""

from __future__ import annotations

from typing import Any

from apiframe.integers import SQL_INT_MAX

Schema = dict[str, Any]


def multi_params(schema: Schema) -> Schema:
    """Schema of a query parameter that may be repeated (``?a=1&a=2``).

    Query validators see every parameter as the list of its values, so a query
    schema describes each parameter as an array of the given item schema.
    """
    return {"type": "array", "items": schema}


def single_param(schema: Schema) -> Schema:
    """Schema of a query parameter that may appear at most once."""
    return {"type": "array", "items": schema, "maxItems": 1}


boolean: Schema = {
    "type": ["boolean", "string"],
    "enum": [
        True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
        False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no",
    ],
}

none: Schema = {"enum": ["None", None, {}]}

positive_integer: Schema = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]*$",
    "minimum": 1,
    "minLength": 1,
}

non_negative_integer: Schema = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]*$",
    "minimum": 0,
    "minLength": 1,
}

# A 32-bit signed column holds sizes, so larger numbers are rejected up front.

volume_size: Schema = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]+$",
    "minimum": 1,
    "maximum": SQL_INT_MAX,
}

flavor_param_positive: Schema = volume_size

flavor_param_non_negative: Schema = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]+$",
    "minimum": 0,
    "maximum": SQL_INT_MAX,
}

tcp_udp_port: Schema = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]*$",
    "minimum": 0,
    "maximum": 65535,
    "minLength": 1,
}

name: Schema = {"type": "string", "format": "name", "minLength": 1, "maxLength": 255}

name_with_leading_trailing_spaces: Schema = {
    "type": "string",
    "format": "name_with_leading_trailing_spaces",
    "minLength": 1,
    "maxLength": 255,
}

name_or_none: Schema = {
    "oneOf": [
        {"type": "string", "minLength": 1, "maxLength": 255},
        {"type": "null"},
    ]
}

az_name: Schema = {"type": "string", "format": "az_name", "minLength": 1, "maxLength": 255}

az_name_with_leading_trailing_spaces: Schema = {
    "type": "string",
    "format": "az_name_with_leading_trailing_spaces",
    "minLength": 1,
    "maxLength": 255,
}

description: Schema = {
    "type": ["string", "null"],
    "format": "printable",
    "minLength": 0,
    "maxLength": 255,
}

keypair_name_special_chars: Schema = {
    "allOf": [
        name,
        {"type": "string", "pattern": r"^[_\- a-zA-Z0-9]+$", "minLength": 1, "maxLength": 255},
    ]
}

keypair_name_special_chars_v292: Schema = {
    "allOf": [
        name,
        {"type": "string", "pattern": r"^[_\-\@\. a-zA-Z0-9]+$", "minLength": 1, "maxLength": 255},
    ]
}

hostname: Schema = {
    "type": "string",
    "pattern": "^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$",
    "minLength": 2,
    "maxLength": 63,
}

# Underscores are not legal in RFC 952 host names but occur in real deployments.
fqdn: Schema = {"type": "string", "pattern": "^[a-zA-Z0-9-._]*$", "minLength": 1, "maxLength": 255}

project_id: Schema = {"type": "string", "pattern": "^[a-zA-Z0-9-]*$", "minLength": 1, "maxLength": 255}

user_id: Schema = project_id

uuid: Schema = {"type": "string", "format": "uuid"}

server_id: Schema = uuid
image_id: Schema = uuid
volume_id: Schema = uuid
network_id: Schema = uuid
network_port_id: Schema = uuid

image_id_or_empty_string: Schema = {
    "oneOf": [
        {"type": "string", "format": "uuid"},
        {"type": "string", "maxLength": 0},
    ]
}

volume_type: Schema = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}

# A server's admin password never reaches the database and users pick odd ones, so
# neither its length nor its characters are restricted.
admin_password: Schema = {"type": "string"}

flavor_ref: Schema = {"type": ["string", "integer"], "minLength": 1}

_METADATA_KEY = "^[a-zA-Z0-9-_:. ]{1,255}$"

metadata: Schema = {
    "type": "object",
    "patternProperties": {_METADATA_KEY: {"type": "string", "maxLength": 255}},
    "additionalProperties": False,
}

metadata_with_null: Schema = {
    "type": "object",
    "patternProperties": {_METADATA_KEY: {"type": ["string", "null"], "maxLength": 255}},
    "additionalProperties": False,
}

# One metadata item, as ``PUT /servers/{id}/metadata/{key}`` takes it.
metadata_item: Schema = {
    "type": "object",
    "patternProperties": {_METADATA_KEY: {"type": "string", "maxLength": 255}},
    "additionalProperties": False,
    "minProperties": 1,
    "maxProperties": 1,
}

mac_address: Schema = {"type": "string", "pattern": "^([0-9a-fA-F]{2})(:[0-9a-fA-F]{2}){5}$"}

ipv4: Schema = {"type": "string", "format": "ipv4"}
ipv6: Schema = {"type": "string", "format": "ipv6"}
ip_address: Schema = {"type": "string", "oneOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
cidr: Schema = {"type": "string", "format": "cidr"}

accessIPv4: Schema = ipv4
accessIPv6: Schema = ipv6

disk_config: Schema = {"type": "string", "enum": ["AUTO", "MANUAL"]}

base64: Schema = {"type": "string", "format": "base64"}

# Nova stores user data in a TEXT column: 65535 bytes once base64-encoded.
user_data: Schema = {"type": "string", "format": "base64", "maxLength": 65535}

personality: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "path": {"type": "string"},
            "contents": {"type": "string", "format": "base64"},
        },
        "additionalProperties": False,
    },
}

MAX_TAG_LENGTH = 60
MAX_TAG_COUNT = 50

tag: Schema = {"type": "string", "pattern": "^[^,/]*$", "minLength": 1, "maxLength": MAX_TAG_LENGTH}

tags: Schema = {"type": "array", "items": tag, "maxItems": MAX_TAG_COUNT}

trusted_certs: Schema = {
    "type": ["array", "null"],
    "minItems": 1,
    "maxItems": 50,
    "uniqueItems": True,
    "items": {"type": "string", "minLength": 1},
}

date_time: Schema = {"type": "string", "format": "date-time"}

# Query-string fragments: every value arrives as a list of strings.
common_query_param: Schema = multi_params({"type": "string"})
common_query_regex_param: Schema = multi_params({"type": "string", "format": "regex"})

limit: Schema = multi_params(non_negative_integer)
marker: Schema = multi_params({"type": "string"})
pagination_parameters: Schema = {"limit": limit, "marker": marker}

sort_dir: Schema = multi_params({"type": "string", "enum": ["asc", "desc"]})

# Response fragments.
links: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "rel": {"type": "string", "enum": ["self", "bookmark"]},
            "href": {"type": "string", "format": "uri"},
            "type": {"type": "string"},
        },
        "required": ["rel", "href"],
        "additionalProperties": False,
    },
}

collection_links: Schema = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "rel": {"const": "next"},
            "href": {"type": "string", "format": "uri"},
        },
        "required": ["rel", "href"],
        "additionalProperties": False,
    },
    "minItems": 1,
    "maxItems": 1,
}

response_metadata: Schema = metadata_with_null

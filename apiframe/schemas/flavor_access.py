"""Schemas of flavor access: ``GET /flavors/{id}/os-flavor-access`` and its two actions."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

# Project ids are stored in a 255-character column.
_tenant = {"type": "string", "minLength": 1, "maxLength": 255}

add_tenant_access = {
    "type": "object",
    "properties": {
        "addTenantAccess": {
            "type": "object",
            "properties": {"tenant": _tenant},
            "required": ["tenant"],
            "additionalProperties": False,
        },
    },
    "required": ["addTenantAccess"],
    "additionalProperties": False,
}

remove_tenant_access = copy.deepcopy(add_tenant_access)
_actions = remove_tenant_access["properties"]
_actions["removeTenantAccess"] = _actions.pop("addTenantAccess")
remove_tenant_access["required"] = ["removeTenantAccess"]

index_query = {"type": "object", "properties": {}, "additionalProperties": True}

index_response = {
    "type": "object",
    "properties": {
        "flavor_access": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "flavor_id": {"type": "string"},
                    "tenant_id": parameter_types.project_id,
                },
                "required": ["flavor_id", "tenant_id"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["flavor_access"],
    "additionalProperties": False,
}

add_tenant_access_response = copy.deepcopy(index_response)

remove_tenant_access_response = copy.deepcopy(index_response)

"""Schemas of ``GET /limits``."""

from __future__ import annotations

import copy

from apiframe.validation import parameter_types

index_query = {
    "type": "object",
    "properties": {"tenant_id": parameter_types.common_query_param},
    "additionalProperties": True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275["additionalProperties"] = False

_ABSOLUTE_KEYS = [
    "maxImageMeta", "maxPersonality", "maxPersonalitySize", "maxSecurityGroupRules",
    "maxSecurityGroups", "maxServerMeta", "maxTotalCores", "maxTotalFloatingIps",
    "maxTotalInstances", "maxTotalKeypairs", "maxTotalRAMSize", "maxServerGroups",
    "maxServerGroupMembers", "totalCoresUsed", "totalInstancesUsed", "totalRAMUsed",
    "totalSecurityGroupsUsed", "totalFloatingIpsUsed", "totalServerGroupsUsed",
]

# -1 means unlimited.
_absolute = {
    "type": "object",
    "properties": {key: {"type": "integer", "minimum": -1} for key in _ABSOLUTE_KEYS},
    "required": list(_ABSOLUTE_KEYS),
    "additionalProperties": False,
}


def _without(absolute: dict, *keys: str) -> dict:
    trimmed = copy.deepcopy(absolute)
    for key in keys:
        del trimmed["properties"][key]
        trimmed["required"].remove(key)
    return trimmed


_absolute_v236 = _without(
    _absolute, "maxSecurityGroupRules", "maxSecurityGroups", "maxTotalFloatingIps",
    "totalFloatingIpsUsed", "totalSecurityGroupsUsed")
_absolute_v239 = _without(_absolute_v236, "maxImageMeta")
_absolute_v257 = _without(_absolute_v239, "maxPersonality", "maxPersonalitySize")

index_response = {
    "type": "object",
    "properties": {
        "limits": {
            "type": "object",
            "properties": {
                "absolute": _absolute,
                # Rate limits are gone from the API; the list stays, always empty.
                "rate": {"type": "array", "maxItems": 0},
            },
            "required": ["absolute", "rate"],
            "additionalProperties": False,
        },
    },
    "required": ["limits"],
    "additionalProperties": False,
}

index_response_v236 = copy.deepcopy(index_response)
index_response_v236["properties"]["limits"]["properties"]["absolute"] = _absolute_v236

index_response_v239 = copy.deepcopy(index_response_v236)
index_response_v239["properties"]["limits"]["properties"]["absolute"] = _absolute_v239

index_response_v257 = copy.deepcopy(index_response_v239)
index_response_v257["properties"]["limits"]["properties"]["absolute"] = _absolute_v257

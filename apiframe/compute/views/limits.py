"""Response body of ``GET /limits``, per microversion, in Nova's wire format.

Quotas are named by Nova's resource names (``instances``, ``cores``, ``ram``,
``key_pairs``, ``metadata_items``, ...); -1 means unlimited.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apiframe.compute.views.common import ViewRequest

# Resource name -> the absolute-limit keys that show its quota.
_MAXIMA = {
    "ram": ("maxTotalRAMSize",),
    "instances": ("maxTotalInstances",),
    "cores": ("maxTotalCores",),
    "key_pairs": ("maxTotalKeypairs",),
    "floating_ips": ("maxTotalFloatingIps",),
    "metadata_items": ("maxServerMeta", "maxImageMeta"),
    "injected_files": ("maxPersonality",),
    "injected_file_content_bytes": ("maxPersonalitySize",),
    "security_groups": ("maxSecurityGroups",),
    "security_group_rules": ("maxSecurityGroupRules",),
    "server_groups": ("maxServerGroups",),
    "server_group_members": ("maxServerGroupMembers",),
}

# Usage key -> resource name.
_USAGE = {
    "totalRAMUsed": "ram",
    "totalCoresUsed": "cores",
    "totalInstancesUsed": "instances",
    "totalFloatingIpsUsed": "floating_ips",
    "totalSecurityGroupsUsed": "security_groups",
    "totalServerGroupsUsed": "server_groups",
}

_NETWORK_RESOURCES = frozenset({"floating_ips", "security_groups", "security_group_rules"})
_PERSONALITY_RESOURCES = frozenset({"injected_files", "injected_file_content_bytes"})


def _hidden_resources(req: ViewRequest) -> frozenset[str]:
    hidden: frozenset[str] = frozenset()
    if req.is_supported("2.36"):
        hidden |= _NETWORK_RESOURCES
    if req.is_supported("2.57"):
        hidden |= _PERSONALITY_RESOURCES
    return hidden


def index(req: ViewRequest, quotas: Mapping[str, int], usage: Mapping[str, int]) -> dict[str, Any]:
    """``GET /limits``: ``{"limits": {"absolute": {...}, "rate": []}}``.

    ``quotas`` maps each resource to its limit; ``usage`` maps a resource to what is in
    use (a resource missing from it counts as 0).
    """
    hidden = _hidden_resources(req)
    absolute: dict[str, int] = {}
    for resource, keys in _MAXIMA.items():
        if resource in hidden or quotas.get(resource) is None:
            continue
        for key in keys:
            if key == "maxImageMeta" and req.is_supported("2.39"):
                continue
            absolute[key] = quotas[resource]
    for key, resource in _USAGE.items():
        if resource not in hidden:
            absolute[key] = usage.get(resource, 0)
    return {"limits": {"absolute": absolute, "rate": []}}

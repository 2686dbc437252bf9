"""Limits view: the absolute keys of Nova's api-samples at each microversion."""

from __future__ import annotations

import pytest
from compute_view_fakes import assert_valid, make_request, pick

from apiframe.compute.views import limits as views
from apiframe.schemas import limits as schemas

# Keys of doc/api_samples/limits/limit-get-resp.json and what v2.36, v2.39, v2.57 drop.
ABSOLUTE_V21 = {
    "maxImageMeta", "maxPersonality", "maxPersonalitySize", "maxSecurityGroupRules",
    "maxSecurityGroups", "maxServerGroupMembers", "maxServerGroups", "maxServerMeta",
    "maxTotalCores", "maxTotalFloatingIps", "maxTotalInstances", "maxTotalKeypairs",
    "maxTotalRAMSize", "totalCoresUsed", "totalFloatingIpsUsed", "totalInstancesUsed",
    "totalRAMUsed", "totalSecurityGroupsUsed", "totalServerGroupsUsed",
}
DROPPED = [
    ("2.36", {"maxSecurityGroupRules", "maxSecurityGroups", "maxTotalFloatingIps",
              "totalFloatingIpsUsed", "totalSecurityGroupsUsed"}),
    ("2.39", {"maxImageMeta"}),
    ("2.57", {"maxPersonality", "maxPersonalitySize"}),
]
SCHEMAS = [("2.1", schemas.index_response), ("2.36", schemas.index_response_v236),
           ("2.39", schemas.index_response_v239), ("2.57", schemas.index_response_v257)]

QUOTAS = {
    "instances": 10, "cores": 20, "ram": 51200, "key_pairs": 100, "metadata_items": 128,
    "injected_files": 5, "injected_file_content_bytes": 10240, "floating_ips": -1,
    "security_groups": -1, "security_group_rules": -1, "server_groups": 10,
    "server_group_members": 10,
}
USAGE = {"instances": 1, "cores": 2, "ram": 1024}


@pytest.mark.parametrize("version", ["2.1", "2.35", "2.36", "2.38", "2.39", "2.56", "2.57", "2.100"])
def test_absolute_keys(version):
    req = make_request(version)
    body = views.index(req, QUOTAS, USAGE)
    expected = set(ABSOLUTE_V21)
    for first, dropped in DROPPED:
        if req.is_supported(first):
            expected -= dropped
    assert set(body) == {"limits"}
    assert body["limits"]["rate"] == []
    assert set(body["limits"]["absolute"]) == expected
    assert_valid(pick(SCHEMAS, version), body)


def test_values():
    absolute = views.index(make_request("2.1"), QUOTAS, USAGE)["limits"]["absolute"]
    assert absolute["maxServerMeta"] == absolute["maxImageMeta"] == 128
    assert absolute["maxTotalFloatingIps"] == -1
    assert absolute["totalCoresUsed"] == 2 and absolute["totalServerGroupsUsed"] == 0

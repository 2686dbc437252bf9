"""Limits: Nova's absolute keys per microversion, usage after creating servers, other projects."""

from __future__ import annotations

import pytest
from compute_testlib import samples

from apiframe.testing import assert_fault

LIMIT_VERSIONS = ["2.1", "2.36", "2.39", "2.57"]
SAMPLES = samples("limits")

_NOVA_KEYS = {"maxImageMeta", "maxPersonality", "maxPersonalitySize", "maxSecurityGroupRules", "maxSecurityGroups",
              "maxServerMeta", "maxTotalCores", "maxTotalFloatingIps", "maxTotalInstances", "maxTotalKeypairs",
              "maxTotalRAMSize", "maxServerGroups", "maxServerGroupMembers", "totalCoresUsed",
              "totalInstancesUsed", "totalRAMUsed", "totalSecurityGroupsUsed", "totalFloatingIpsUsed",
              "totalServerGroupsUsed"}
_REMOVED = {"2.36": {"maxSecurityGroupRules", "maxSecurityGroups", "maxTotalFloatingIps", "totalFloatingIpsUsed",
                     "totalSecurityGroupsUsed"},
            "2.39": {"maxImageMeta"},
            "2.57": {"maxPersonality", "maxPersonalitySize"}}


def nova_absolute_keys(version: str) -> set[str]:
    """Nova's absolute limit keys at ``version`` (doc/api_samples/limits)."""
    minor = int(version.split(".")[1])
    keys = set(_NOVA_KEYS)
    for removed_at, removed in _REMOVED.items():
        if minor >= int(removed_at.split(".")[1]):
            keys -= removed
    return keys


@pytest.mark.parametrize("version", LIMIT_VERSIONS)
def test_limits_samples(tenant, version):
    client = tenant.client("member", version)
    resp = SAMPLES.call(client, "GET", "/limits", response="limit-get-resp")
    assert set(resp.json["limits"]["absolute"]) == nova_absolute_keys(version)
    assert resp.json["limits"]["rate"] == []


def test_usage_counts_servers(tenant, compute_app):
    client = tenant.client()
    tenant.create_server(flavorRef="2")
    tenant.create_server(flavorRef="3")
    absolute = client.get("/limits").json["limits"]["absolute"]
    assert (absolute["totalInstancesUsed"], absolute["totalCoresUsed"], absolute["totalRAMUsed"]) == (2, 3, 6144)
    assert absolute["maxTotalInstances"] == compute_app.conf.quota.instances
    tenant.set_quota("instances", 3)
    assert client.get("/limits").json["limits"]["absolute"]["maxTotalInstances"] == 3
    # Deleted servers no longer count.
    server_id = client.get("/servers").json["servers"][0]["id"]
    client.delete(f"/servers/{server_id}", status=204)
    assert client.get("/limits").json["limits"]["absolute"]["totalInstancesUsed"] == 1


def test_admin_may_ask_for_another_project(tenant):
    tenant.create_server()
    admin = tenant.client("admin")
    absolute = admin.get("/limits", params={"tenant_id": tenant.project_id}).json["limits"]["absolute"]
    assert absolute["totalInstancesUsed"] == 1
    # Naming a project needs the other-project rule (administrators), as in the compute API.
    other = tenant.client("other-project").get("/limits", params={"tenant_id": tenant.project_id}, status=403)
    assert "os_compute_api:limits:other_project" in assert_fault(other, 403, "forbidden")


def test_strict_query_from_275(tenant):
    tenant.client("member", "2.74").get("/limits", params={"bogus": "1"})
    assert_fault(tenant.client("member", "2.75").get("/limits", params={"bogus": "1"}, status=400), 400,
                 "badRequest")

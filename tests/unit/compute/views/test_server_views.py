"""Server views: the key sets of Nova's api-samples at each microversion, and our schemas."""

from __future__ import annotations

import re

import pytest
from compute_view_fakes import (
    ADMIN_RULES,
    HOST,
    PROJECT_ID,
    assert_valid,
    make_request,
    pick,
    server_record,
)

from apiframe.compute.views import servers as views
from apiframe.schemas import servers as schemas

# Keys of doc/api_samples/servers/server-get-resp.json (admin, 2.1).
SHOW_V21 = {
    "OS-DCF:diskConfig", "OS-EXT-AZ:availability_zone", "OS-EXT-SRV-ATTR:host",
    "OS-EXT-SRV-ATTR:hypervisor_hostname", "OS-EXT-SRV-ATTR:instance_name",
    "OS-EXT-STS:power_state", "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state",
    "OS-SRV-USG:launched_at", "OS-SRV-USG:terminated_at", "accessIPv4", "accessIPv6",
    "addresses", "config_drive", "created", "flavor", "hostId", "id", "image", "key_name",
    "links", "metadata", "name", "os-extended-volumes:volumes_attached", "progress",
    "security_groups", "status", "tenant_id", "updated", "user_id",
}
ADMIN_V23 = {
    "OS-EXT-SRV-ATTR:hostname", "OS-EXT-SRV-ATTR:kernel_id", "OS-EXT-SRV-ATTR:launch_index",
    "OS-EXT-SRV-ATTR:ramdisk_id", "OS-EXT-SRV-ATTR:reservation_id",
    "OS-EXT-SRV-ATTR:root_device_name", "OS-EXT-SRV-ATTR:user_data",
}
ADMIN_V21 = {"OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:hypervisor_hostname", "OS-EXT-SRV-ATTR:instance_name"}

# (version, keys added to GET /servers/{id} for an administrator), from the samples'
# v2.X directories (v2.3, v2.9, v2.16, v2.19, v2.26 via v2.47, v2.63, v2.71, v2.73, v2.96, v2.100).
SHOW_ADDED = [
    ("2.1", SHOW_V21),
    ("2.3", ADMIN_V23),
    ("2.9", {"locked"}),
    ("2.16", {"host_status"}),
    ("2.19", {"description"}),
    ("2.26", {"tags"}),
    ("2.63", {"trusted_image_certificates"}),
    ("2.71", {"server_groups"}),
    ("2.73", {"locked_reason"}),
    ("2.96", {"pinned_availability_zone"}),
    ("2.100", {"scheduler_hints"}),
]

# Keys of doc/api_samples/servers/server-update-resp.json (2.1).
UPDATE_V21 = {
    "OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "addresses", "created", "flavor", "hostId",
    "id", "image", "links", "metadata", "name", "progress", "status", "tenant_id", "updated",
    "user_id",
}
UPDATE_ADDED = [
    ("2.1", UPDATE_V21),
    ("2.9", {"locked"}),
    ("2.19", {"description"}),
    ("2.26", {"tags"}),
    ("2.63", {"trusted_image_certificates"}),
    ("2.71", {"server_groups"}),
    ("2.73", {"locked_reason"}),
]

KEY_VERSIONS = ["2.1", "2.3", "2.9", "2.16", "2.19", "2.26", "2.47", "2.61", "2.63", "2.69", "2.71",
                "2.73", "2.75", "2.89", "2.90", "2.94", "2.96", "2.98", "2.100"]

SHOW_SCHEMAS = [
    ("2.1", schemas.show_response), ("2.3", schemas.show_response_v23),
    ("2.9", schemas.show_response_v29), ("2.16", schemas.show_response_v216),
    ("2.19", schemas.show_response_v219), ("2.26", schemas.show_response_v226),
    ("2.47", schemas.show_response_v247), ("2.63", schemas.show_response_v263),
    ("2.71", schemas.show_response_v271), ("2.73", schemas.show_response_v273),
    ("2.90", schemas.show_response_v290), ("2.96", schemas.show_response_v296),
    ("2.98", schemas.show_response_v298), ("2.100", schemas.show_response_v2100),
]
DETAIL_SCHEMAS = [
    ("2.1", schemas.detail_response), ("2.3", schemas.detail_response_v23),
    ("2.9", schemas.detail_response_v29), ("2.16", schemas.detail_response_v216),
    ("2.19", schemas.detail_response_v219), ("2.26", schemas.detail_response_v226),
    ("2.47", schemas.detail_response_v247), ("2.63", schemas.detail_response_v263),
    ("2.73", schemas.detail_response_v273), ("2.90", schemas.detail_response_v290),
    ("2.96", schemas.detail_response_v296), ("2.98", schemas.detail_response_v298),
    ("2.100", schemas.detail_response_v2100),
]
UPDATE_SCHEMAS = [
    ("2.1", schemas.update_response), ("2.9", schemas.update_response_v29),
    ("2.19", schemas.update_response_v219), ("2.26", schemas.update_response_v226),
    ("2.47", schemas.update_response_v247), ("2.63", schemas.update_response_v263),
    ("2.71", schemas.update_response_v271), ("2.73", schemas.update_response_v273),
    ("2.75", schemas.update_response_v275), ("2.90", schemas.update_response_v290),
    ("2.96", schemas.update_response_v296), ("2.98", schemas.update_response_v298),
    ("2.100", schemas.update_response_v2100),
]

ISOTIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
DB_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$")


def expected_keys(table: list[tuple[str, set[str]]], version: str) -> set[str]:
    keys: set[str] = set()
    for first, added in table:
        if make_request(version).is_supported(first):
            keys |= added
    return keys


def entry(**overrides: object) -> views.ServerEntry:
    return views.ServerEntry(server_record(**overrides), "ACTIVE", {"My Server Name": "Apache1"}, [])


def without_admin(keys: set[str], version: str) -> set[str]:
    """What a non-administrator sees: no OS-EXT-SRV-ATTR:* nor host_status, but the
    hostname from 2.90 (doc/api_samples/servers/v2.90/server-get-resp.json)."""
    keys = keys - ADMIN_V21 - ADMIN_V23 - {"host_status"}
    if make_request(version).is_supported("2.90"):
        keys.add("OS-EXT-SRV-ATTR:hostname")
    return keys


@pytest.mark.parametrize("version", KEY_VERSIONS)
def test_show_has_the_sample_keys_for_an_admin(version):
    body = views.show(make_request(version), entry())
    assert set(body) == {"server"}
    assert set(body["server"]) == expected_keys(SHOW_ADDED, version)
    assert_valid(pick(SHOW_SCHEMAS, version), body)


@pytest.mark.parametrize("version", KEY_VERSIONS)
def test_show_hides_admin_fields_from_a_member(version):
    body = views.show(make_request(version, allowed=frozenset()), entry())
    assert set(body["server"]) == without_admin(expected_keys(SHOW_ADDED, version), version)
    assert_valid(pick(SHOW_SCHEMAS, version), body)


@pytest.mark.parametrize("version", KEY_VERSIONS)
def test_detail_is_show_without_server_groups(version):
    req = make_request(version)
    body = views.detail(req, [entry(), entry()], limit=None)
    assert set(body) == {"servers"}
    for server in body["servers"]:
        assert set(server) == expected_keys(SHOW_ADDED, version) - {"server_groups"}
    assert_valid(pick(DETAIL_SCHEMAS, version), body)


@pytest.mark.parametrize("version", KEY_VERSIONS)
def test_update_is_reduced_before_2_75_and_show_after(version):
    req = make_request(version)
    body = views.update(req, entry())
    if req.is_supported("2.75"):
        # doc/api_samples/servers/v2.75/server-update-resp.json has every GET field.
        assert set(body["server"]) == expected_keys(SHOW_ADDED, version)
    else:
        assert set(body["server"]) == expected_keys(UPDATE_ADDED, version)
        assert set(body["server"]["addresses"]["private"][0]) == {"addr", "version"}
    assert_valid(pick(UPDATE_SCHEMAS, version), body)


def test_show_values_have_nova_types_and_formats():
    record = server_record()
    server = views.show(make_request("2.1"), entry(id=record.id))["server"]
    assert ISOTIME.match(server["created"]) and ISOTIME.match(server["updated"])
    assert server["created"] == "2013-09-03T04:01:32Z"
    assert DB_TIME.match(server["OS-SRV-USG:launched_at"])
    assert server["OS-SRV-USG:terminated_at"] is None
    assert server["OS-EXT-STS:power_state"] == 1
    assert server["config_drive"] == ""
    assert server["progress"] == 0
    assert server["tenant_id"] == PROJECT_ID
    assert len(server["hostId"]) == 56
    assert server["addresses"]["private"][0] == {
        "addr": "192.168.1.30", "version": 4,
        "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
    }


def test_links_self_is_versioned_and_bookmark_is_not():
    record = server_record()
    server = views.show(make_request("2.1"), views.ServerEntry(record, "ACTIVE", {}, []))["server"]
    assert server["links"] == [
        {"rel": "self", "href": f"{HOST}/v2.1/{PROJECT_ID}/servers/{record.id}"},
        {"rel": "bookmark", "href": f"{HOST}/{PROJECT_ID}/servers/{record.id}"},
    ]
    assert server["flavor"] == {"id": "1", "links": [{"rel": "bookmark", "href": f"{HOST}/{PROJECT_ID}/flavors/1"}]}
    assert server["image"]["links"] == [
        {"rel": "bookmark", "href": f"{HOST}/{PROJECT_ID}/images/{record.image_ref}"}]


def test_links_without_project_id_in_url():
    record = server_record()
    req = make_request("2.1", project_in_url=False)
    assert views.basic(req, record)["links"][0]["href"] == f"{HOST}/v2.1/servers/{record.id}"


def test_flavor_is_embedded_from_2_47_with_extra_specs_by_policy():
    shown = views.show(make_request("2.47"), entry())["server"]["flavor"]
    assert shown == {"vcpus": 1, "ram": 512, "disk": 1, "ephemeral": 0, "swap": 0,
                     "original_name": "m1.tiny", "extra_specs": {"hw:numa_nodes": "1"}}
    hidden = views.show(make_request("2.47", allowed=frozenset()), entry())["server"]["flavor"]
    assert "extra_specs" not in hidden


def test_image_is_empty_string_when_booted_from_volume():
    for version in ("2.1", "2.98"):
        body = views.show(make_request(version), entry(image_ref=""))
        assert body["server"]["image"] == ""
        assert_valid(pick(SHOW_SCHEMAS, version), body)


def test_image_has_properties_from_2_98():
    assert views.show(make_request("2.98"), entry())["server"]["image"]["properties"] == {}
    assert "properties" not in views.show(make_request("2.97"), entry())["server"]["image"]


def test_progress_only_in_progress_statuses():
    shutoff = views.ServerEntry(server_record(vm_state="stopped", power_state=4), "SHUTOFF", {}, [])
    body = views.show(make_request("2.1"), shutoff)
    assert "progress" not in body["server"]
    assert_valid(schemas.show_response, body)


def test_addresses_hidden_while_building():
    building = views.ServerEntry(server_record(vm_state="building", task_state="scheduling"), "BUILD", {}, [])
    assert views.show(make_request("2.1"), building)["server"]["addresses"] == {}


def test_host_status_unknown_only_policy_hides_an_up_host():
    rules = frozenset({"os_compute_api:servers:show:host_status:unknown-only"})
    server = views.show(make_request("2.16", allowed=rules), entry())["server"]
    assert "host_status" not in server
    admin = views.show(make_request("2.16"), entry())["server"]
    assert admin["host_status"] == "UP"
    no_host = views.show(make_request("2.16"), entry(host=None))["server"]
    assert no_host["host_status"] == "" and no_host["hostId"] == ""


def test_show_checks_policy_against_the_server_project():
    req = make_request("2.16")
    views.show(req, entry())
    assert req.context.asked
    assert all(target == {"project_id": PROJECT_ID} for _, target in req.context.asked)


def test_detail_checks_policy_once_without_target():
    req = make_request("2.47")
    views.detail(req, [entry() for _ in range(3)], limit=None)
    rules = [rule for rule, _ in req.context.asked]
    assert len(rules) == len(set(rules))
    assert all(target is None for _, target in req.context.asked)


def test_versioned_values():
    record = server_record(locked=True, locked_reason="maintenance", description="web")
    body = views.show(make_request("2.100"), views.ServerEntry(
        record, "ACTIVE", {}, ["a", "b"], pinned_availability_zone="us-west",
        scheduler_hints={"same_host": ["48e6a9f6-30af-47e0-bc04-acaed113bb4e"]}))
    server = body["server"]
    assert server["locked"] is True and server["locked_reason"] == "maintenance"
    assert server["description"] == "web" and server["tags"] == ["a", "b"]
    assert server["trusted_image_certificates"] is None and server["server_groups"] == []
    assert server["pinned_availability_zone"] == "us-west"
    assert server["scheduler_hints"] == {"same_host": ["48e6a9f6-30af-47e0-bc04-acaed113bb4e"]}
    assert_valid(schemas.show_response_v2100, body)


def test_index_items_and_next_link():
    records = [server_record(), server_record()]
    req = make_request("2.1", query="limit=2&name=web")
    body = views.index(req, records, limit=2)
    assert [set(item) for item in body["servers"]] == [{"id", "name", "links"}] * 2
    assert body["servers_links"] == [{
        "rel": "next",
        "href": f"{HOST}/v2.1/{PROJECT_ID}/servers?limit=2&name=web&marker={records[-1].id}",
    }]
    assert_valid(schemas.index_response, body)
    assert "servers_links" not in views.index(req, records[:1], limit=2)


def test_detail_next_link_points_at_detail():
    entries = [entry()]
    body = views.detail(make_request("2.1", query="limit=1"), entries, limit=1)
    assert body["servers_links"][0]["href"] == (
        f"{HOST}/v2.1/{PROJECT_ID}/servers/detail?limit=1&marker={entries[0].record.id}")
    assert_valid(schemas.detail_response, body)


def test_create_response():
    record = server_record()
    body = views.create(make_request("2.1"), record, admin_pass="6NpUwoz2QDRN")
    # Keys of doc/api_samples/servers/server-create-resp.json.
    assert set(body["server"]) == {"OS-DCF:diskConfig", "adminPass", "id", "links", "security_groups"}
    assert_valid(schemas.create_response, body)
    without_password = views.create(make_request("2.100"), server_record(security_groups=[]))
    assert without_password["server"]["security_groups"] == [{"name": "default"}]
    assert "adminPass" not in without_password["server"]
    assert_valid(schemas.create_response, without_password)
    assert_valid(schemas.create_response, views.reservation("r-3fhpjulh"))


def test_create_image_response():
    body = views.image_created("0e7761dd-ee98-41f0-ba35-05994e446431")
    assert_valid(schemas.create_image_response_v245, body)


def test_admin_rules_are_the_ones_views_ask():
    asked = set()
    for version in ("2.1", "2.47", "2.100"):
        req = make_request(version)
        views.show(req, entry())
        asked |= {rule for rule, _ in req.context.asked}
    assert asked <= ADMIN_RULES | {views.HOST_STATUS_UNKNOWN_ONLY_RULE}

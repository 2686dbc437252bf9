"""Flavor views: the key sets of Nova's api-samples at each microversion, and our schemas."""

from __future__ import annotations

import pytest
from compute_view_fakes import (
    HOST,
    PROJECT_ID,
    READER_RULES,
    assert_valid,
    flavor_record,
    make_request,
    pick,
)

from apiframe.compute.views import flavors as views
from apiframe.schemas import flavor_access as access_schemas
from apiframe.schemas import flavors as schemas

# Keys of doc/api_samples/flavors/flavor-get-resp.json, then v2.55 and v2.61.
FLAVOR_V21 = {
    "OS-FLV-DISABLED:disabled", "OS-FLV-EXT-DATA:ephemeral", "disk", "id", "links", "name",
    "os-flavor-access:is_public", "ram", "rxtx_factor", "swap", "vcpus",
}
FLAVOR_ADDED = [("2.1", FLAVOR_V21), ("2.55", {"description"}), ("2.61", {"extra_specs"})]
LISTED_ADDED = [("2.1", {"id", "name", "links"}), ("2.55", {"description"})]

SHOW_SCHEMAS = [
    ("2.1", schemas.show_response), ("2.55", schemas.show_response_v255),
    ("2.61", schemas.show_response_v261), ("2.75", schemas.show_response_v275),
]
DETAIL_SCHEMAS = [
    ("2.1", schemas.detail_response), ("2.55", schemas.detail_response_v255),
    ("2.61", schemas.detail_response_v261), ("2.75", schemas.detail_response_v275),
]
INDEX_SCHEMAS = [("2.1", schemas.index_response), ("2.55", schemas.index_response_v255)]

VERSIONS = ["2.1", "2.54", "2.55", "2.60", "2.61", "2.74", "2.75", "2.100"]


def expected(table, version):
    keys = set()
    for first, added in table:
        if make_request(version).is_supported(first):
            keys |= added
    return keys


@pytest.mark.parametrize("version", VERSIONS)
def test_show_keys(version):
    body = views.show(make_request(version, allowed=READER_RULES), flavor_record(), {"hw:numa_nodes": "1"})
    assert set(body["flavor"]) == expected(FLAVOR_ADDED, version)
    assert_valid(pick(SHOW_SCHEMAS, version), body)


@pytest.mark.parametrize("version", VERSIONS)
def test_extra_specs_need_policy(version):
    body = views.show(make_request(version, allowed=frozenset()), flavor_record(), {"hw:numa_nodes": "1"})
    assert "extra_specs" not in body["flavor"]
    assert_valid(pick(SHOW_SCHEMAS, version), body)


@pytest.mark.parametrize("version", VERSIONS)
def test_index_and_detail_keys(version):
    req = make_request(version, allowed=READER_RULES)
    flavors = [flavor_record(), flavor_record(flavorid="2", name="m1.small")]
    index = views.index(req, flavors, limit=None)
    assert [set(item) for item in index["flavors"]] == [expected(LISTED_ADDED, version)] * 2
    assert_valid(pick(INDEX_SCHEMAS, version), index)
    detail = views.detail(req, flavors, limit=None, extra_specs={"1": {"hw:numa_nodes": "1"}})
    assert [set(item) for item in detail["flavors"]] == [expected(FLAVOR_ADDED, version)] * 2
    assert_valid(pick(DETAIL_SCHEMAS, version), detail)
    if req.is_supported("2.61"):
        assert [item["extra_specs"] for item in detail["flavors"]] == [{"hw:numa_nodes": "1"}, {}]


def test_swap_zero_is_empty_string_before_2_75():
    assert views.show(make_request("2.74"), flavor_record())["flavor"]["swap"] == ""
    assert views.show(make_request("2.75"), flavor_record())["flavor"]["swap"] == 0
    assert views.show(make_request("2.1"), flavor_record(swap=512))["flavor"]["swap"] == 512


def test_values():
    flavor = views.show(make_request("2.1"), flavor_record())["flavor"]
    assert flavor["ram"] == 512 and flavor["disk"] == 1 and flavor["vcpus"] == 1
    assert flavor["rxtx_factor"] == 1.0 and flavor["os-flavor-access:is_public"] is True
    assert flavor["links"] == [
        {"rel": "self", "href": f"{HOST}/v2.1/{PROJECT_ID}/flavors/1"},
        {"rel": "bookmark", "href": f"{HOST}/{PROJECT_ID}/flavors/1"},
    ]


def test_next_link_uses_flavorid():
    req = make_request("2.1", query="limit=1&marker=0")
    body = views.index(req, [flavor_record(flavorid="7")], limit=1)
    assert body["flavors_links"] == [{"rel": "next", "href": f"{HOST}/v2.1/{PROJECT_ID}/flavors?limit=1&marker=7"}]
    detail = views.detail(req, [flavor_record(flavorid="7")], limit=1)
    assert detail["flavors_links"][0]["href"].startswith(f"{HOST}/v2.1/{PROJECT_ID}/flavors/detail?")
    assert_valid(schemas.index_response, body)


def test_access_list():
    body = views.access_list("10", [PROJECT_ID])
    # doc/api_samples/flavor-access/flavor-access-list-resp.json
    assert body == {"flavor_access": [{"flavor_id": "10", "tenant_id": PROJECT_ID}]}
    assert_valid(access_schemas.index_response, body)

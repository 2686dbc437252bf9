"""Flavors: samples per microversion, admin management, paging, filters and bad input."""

from __future__ import annotations

import pytest
from compute_testlib import DEFAULT_FLAVORS, new_flavor, samples, unique

from apiframe.schemas import flavors as flavor_schemas
from apiframe.testing import assert_fault

FLAVOR_VERSIONS = ["2.1", "2.55", "2.61", "2.75"]
SAMPLES = samples("flavors", flavor_name="test_flavor", flavor_id="flv-sample")

_NOVA_FLAVOR_KEYS = {"OS-FLV-DISABLED:disabled", "OS-FLV-EXT-DATA:ephemeral", "disk", "id", "links", "name",
                     "os-flavor-access:is_public", "ram", "rxtx_factor", "swap", "vcpus"}


def nova_flavor_keys(version: str) -> set[str]:
    """The keys of Nova's ``flavor`` (doc/api_samples/flavors/*/flavor-get-resp.json)."""
    minor = int(version.split(".")[1])
    return (_NOVA_FLAVOR_KEYS | ({"description"} if minor >= 55 else set())
            | ({"extra_specs"} if minor >= 61 else set()))


@pytest.mark.parametrize("version", FLAVOR_VERSIONS)
def test_flavor_samples(tenant, version):
    member, admin = tenant.client("member", version), tenant.client("admin", version)
    resp = SAMPLES.call(member, "GET", "/flavors/1", response="flavor-get-resp")
    assert set(resp.json["flavor"]) == nova_flavor_keys(version)
    SAMPLES.call(member, "GET", "/flavors?limit=5", response="flavors-list-resp")
    resp = SAMPLES.call(member, "GET", "/flavors/detail?limit=5", response="flavors-detail-resp")
    assert all(set(flavor) == nova_flavor_keys(version) for flavor in resp.json["flavors"])
    resp = SAMPLES.call(admin, "POST", "/flavors", "flavor-create-post-req", "flavor-create-post-resp")
    assert set(resp.json["flavor"]) == nova_flavor_keys(version)
    if version != "2.1":
        SAMPLES.call(admin, "PUT", "/flavors/flv-sample", "flavor-update-req", "flavor-update-resp")
    admin.delete("/flavors/flv-sample", status=202)
    assert_fault(member.get("/flavors/flv-sample", status=404), 404, "itemNotFound")


def test_default_flavors(tenant):
    flavors = tenant.client().get("/flavors/detail", params={"limit": 5}).json["flavors"]
    shown = {f["id"]: (f["name"], f["vcpus"], f["ram"], f["disk"]) for f in flavors}
    assert shown == DEFAULT_FLAVORS
    assert {f["swap"] for f in flavors} == {""}
    assert {f["swap"] for f in tenant.client("member", "2.75").get("/flavors/detail").json["flavors"]} >= {0}


def test_admin_creates_updates_and_deletes(tenant):
    admin = tenant.client("admin", "2.55")
    flavor = new_flavor(admin, swap=512, **{"OS-FLV-EXT-DATA:ephemeral": 5, "description": "d"})
    assert (flavor["swap"], flavor["OS-FLV-EXT-DATA:ephemeral"], flavor["description"]) == (512, 5, "d")
    assert tenant.client().get(f"/flavors/{flavor['id']}").json["flavor"]["name"] == flavor["name"]
    updated = admin.put(f"/flavors/{flavor['id']}", {"flavor": {"description": None}}).json["flavor"]
    assert updated["description"] is None
    assert_fault(admin.post("/flavors", {"flavor": {"name": unique("x"), "ram": 1, "vcpus": 1, "disk": 1,
                                                    "id": flavor["id"]}}, status=409), 409, "conflictingRequest")
    assert_fault(admin.post("/flavors", {"flavor": {"name": flavor["name"], "ram": 1, "vcpus": 1, "disk": 1}},
                            status=409), 409, "conflictingRequest")
    admin.delete(f"/flavors/{flavor['id']}", status=202)
    assert_fault(admin.delete(f"/flavors/{flavor['id']}", status=404), 404, "itemNotFound")


def test_update_needs_255(tenant):
    assert_fault(tenant.client("admin", "2.54").put("/flavors/1", {"flavor": {"description": "x"}}, status=404),
                 404, "itemNotFound")


def test_servers_keep_their_flavor_after_it_is_deleted(tenant):
    admin = tenant.client("admin")
    flavor = new_flavor(admin)
    server = tenant.create_server(flavorRef=flavor["id"])
    admin.delete(f"/flavors/{flavor['id']}", status=202)
    assert tenant.client().get(f"/servers/{server['id']}").json["server"]["flavor"]["id"] == flavor["id"]
    embedded = tenant.client("member", "2.47").get(f"/servers/{server['id']}").json["server"]["flavor"]
    assert embedded["original_name"] == flavor["name"]


@pytest.mark.parametrize("persona", ["member", "reader", "other-project"])
def test_non_admins_cannot_manage_flavors(tenant, persona):
    client = tenant.client(persona, "2.55")
    body = {"flavor": {"name": unique("nope"), "ram": 1, "vcpus": 1, "disk": 1}}
    assert_fault(client.post("/flavors", body, status=403), 403, "forbidden")
    assert_fault(client.put("/flavors/1", {"flavor": {"description": "x"}}, status=403), 403, "forbidden")
    assert_fault(client.delete("/flavors/1", status=403), 403, "forbidden")
    assert client.get("/flavors/1").json["flavor"]["name"] == "m1.tiny"


def test_pagination_filters_and_sort(tenant):
    client = tenant.client()
    page = client.get("/flavors", params={"limit": 2}).json
    assert [f["id"] for f in page["flavors"]] == ["1", "2"]
    (link,) = page["flavors_links"]
    assert link["rel"] == "next" and "marker=2" in link["href"] and "limit=2" in link["href"]
    assert [f["id"] for f in client.get(link["href"]).json["flavors"]] == ["3", "4"]
    assert_fault(client.get("/flavors", params={"marker": "no-such-flavor"}, status=400), 400, "badRequest")
    assert [f["id"] for f in client.get("/flavors", params={"minRam": 4096, "limit": 3}).json["flavors"]] == [
        "3", "4", "5"]
    assert [f["id"] for f in client.get("/flavors", params={"minDisk": 80, "limit": 2}).json["flavors"]] == [
        "4", "5"]
    by_ram = client.get("/flavors/detail", params={"sort_key": "memory_mb", "sort_dir": "desc", "limit": 1}).json
    assert by_ram["flavors"][0]["id"] == "5"
    assert_fault(client.get("/flavors", params={"sort_key": "bogus"}, status=400), 400, "badRequest")
    assert_fault(client.get("/flavors", params={"minRam": "lots"}, status=400), 400, "badRequest")
    assert_fault(client.at_version("2.75").get("/flavors", params={"bogus": 1}, status=400), 400, "badRequest")
    assert client.get("/flavors", params={"bogus": 1, "limit": 1}).json["flavors"][0]["id"] == "1"


@pytest.mark.parametrize("version", ["2.1", "latest"])
def test_every_sort_key_the_schema_accepts_answers_200(tenant, version):
    client = tenant.client("member", version)
    for key in flavor_schemas.index_query["properties"]["sort_key"]["items"]["enum"]:
        for path in ("/flavors", "/flavors/detail"):
            everything = client.get(path).json["flavors"]
            listed = client.get(path, params={"sort_key": key, "sort_dir": "desc"}, status="*")
            assert listed.status_int == 200, (key, listed.text)
            assert sorted(f["id"] for f in listed.json["flavors"]) == sorted(f["id"] for f in everything)


@pytest.mark.parametrize("flavor", [
    {"name": "", "ram": 1, "vcpus": 1, "disk": 1},
    {"name": "x" * 256, "ram": 1, "vcpus": 1, "disk": 1},
    {"name": "nul\u0000", "ram": 1, "vcpus": 1, "disk": 1},
    {"name": "n", "ram": 0, "vcpus": 1, "disk": 1},
    {"name": "n", "ram": 1, "vcpus": 1, "disk": -1},
    {"name": "n", "ram": 10 ** 30, "vcpus": 1, "disk": 1},
    {"name": "n", "ram": "lots", "vcpus": 1, "disk": 1},
    {"name": "n", "ram": 1, "vcpus": 1},
    {"name": "n", "ram": 1, "vcpus": 1, "disk": 1, "id": "bad/id"},
    {"name": "n", "ram": 1, "vcpus": 1, "disk": 1, "rxtx_factor": 0},
    {"name": "n", "ram": 1, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": "maybe"},
    {"name": "n", "ram": 1, "vcpus": 1, "disk": 1, "description": "before 2.55"},
])
def test_bad_flavor_create_is_400(tenant, flavor):
    admin = tenant.client("admin")
    before = len(admin.get("/flavors", params={"is_public": "none"}).json["flavors"])
    assert_fault(admin.post("/flavors", {"flavor": flavor}, status=400), 400, "badRequest")
    assert len(admin.get("/flavors", params={"is_public": "none"}).json["flavors"]) == before

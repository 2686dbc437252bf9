"""Servers: samples per microversion, Nova's field sets, filters, paging, quotas and bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from compute_testlib import IMAGE_ID, SAMPLE_PROJECT, Tenant, sample_tenant, samples, start_compute_app, unique

from apiframe.compute.driver import fake_address
from apiframe.schemas import servers as server_schemas
from apiframe.testing import assert_fault

SERVER_VERSIONS = ["2.1", "2.3", "2.9", "2.16", "2.19", "2.26", "2.47", "2.63", "2.71", "2.73", "2.75",
                   "2.90", "2.96", "2.98", "2.100"]


def _at_least(version: str, minimum: str) -> bool:
    return tuple(map(int, version.split("."))) >= tuple(map(int, minimum.split(".")))


# Nova's server fields (doc/api_samples/servers/*/server-get-resp.json), written out here
# independently of the views under test.
_BASE_KEYS = {"OS-DCF:diskConfig", "OS-EXT-AZ:availability_zone", "OS-EXT-STS:power_state",
              "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state", "OS-SRV-USG:launched_at",
              "OS-SRV-USG:terminated_at", "accessIPv4", "accessIPv6", "addresses", "config_drive", "created",
              "flavor", "hostId", "id", "image", "key_name", "links", "metadata", "name",
              "os-extended-volumes:volumes_attached", "progress", "security_groups", "status", "tenant_id",
              "updated", "user_id"}
_ADMIN_KEYS = {"OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:hypervisor_hostname", "OS-EXT-SRV-ATTR:instance_name"}
_ADMIN_KEYS_V23 = {"OS-EXT-SRV-ATTR:hostname", "OS-EXT-SRV-ATTR:kernel_id", "OS-EXT-SRV-ATTR:launch_index",
                   "OS-EXT-SRV-ATTR:ramdisk_id", "OS-EXT-SRV-ATTR:reservation_id",
                   "OS-EXT-SRV-ATTR:root_device_name", "OS-EXT-SRV-ATTR:user_data"}
_ADDED = [("2.9", "locked"), ("2.19", "description"), ("2.26", "tags"), ("2.63", "trusted_image_certificates"),
          ("2.73", "locked_reason"), ("2.90", "OS-EXT-SRV-ATTR:hostname"), ("2.96", "pinned_availability_zone"),
          ("2.100", "scheduler_hints")]
_UPDATE_KEYS = {"OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "addresses", "created", "flavor", "hostId", "id",
                "image", "links", "metadata", "name", "progress", "status", "tenant_id", "updated", "user_id"}


def nova_show_keys(version: str, admin: bool, *, server_groups: bool = True) -> set[str]:
    """The keys of Nova's ``server`` in GET (``server_groups=False``: an item of GET detail)."""
    keys = set(_BASE_KEYS)
    if admin:
        keys |= _ADMIN_KEYS | (_ADMIN_KEYS_V23 if _at_least(version, "2.3") else set())
        if _at_least(version, "2.16"):
            keys.add("host_status")
    keys |= {key for first, key in _ADDED if _at_least(version, first)}
    if server_groups and _at_least(version, "2.71"):
        keys.add("server_groups")
    return keys


def nova_update_keys(version: str) -> set[str]:
    """The keys of Nova's ``server`` in a PUT answer for a member."""
    if _at_least(version, "2.75"):
        return nova_show_keys(version, admin=False)
    added = {key for first, key in _ADDED if _at_least(version, first) and key != "OS-EXT-SRV-ATTR:hostname"}
    return _UPDATE_KEYS | added | ({"server_groups"} if _at_least(version, "2.71") else set())


def server_subs(tenant: Tenant, server: dict) -> dict:
    """The values of one server that differ from run to run, for its sample templates."""
    address = fake_address(server["id"])
    return {"project_id": tenant.project_id, "user_id": tenant.user_id, "hostid": tenant.host_id(),
            "ip": address["addr"], "mac": address["OS-EXT-IPS-MAC:mac_addr"],
            "instance_name": f"instance-{server['id'].replace('-', '')[:8]}"}


@pytest.mark.parametrize("version", SERVER_VERSIONS)
def test_server_samples(compute_app, version):
    tenant = sample_tenant(compute_app)
    sample = samples("servers", name="new-server-test", description="a server", image_id=IMAGE_ID,
                     project_id=SAMPLE_PROJECT, user_id=tenant.user_id, hostid=tenant.host_id())
    member, admin = tenant.client("member", version), tenant.client("admin", version)
    resp = member.post("/servers", sample.request("server-create-req", version=version), status=202)
    created = resp.json["server"]
    assert resp.headers["Location"] == created["links"][0]["href"]
    sample.verify("server-create-resp", resp, {"password": created["adminPass"]}, version=version,
                  endpoints=member.sample_endpoints)
    server_id = created["id"]
    shown = admin.get(f"/servers/{server_id}").json["server"]
    subs = server_subs(tenant, shown)
    if "OS-EXT-SRV-ATTR:reservation_id" in shown:
        assert re.fullmatch(r"r-[0-9a-z]{8}", shown["OS-EXT-SRV-ATTR:reservation_id"])
        subs["reservation_id"] = shown["OS-EXT-SRV-ATTR:reservation_id"]
    resp = admin.get(f"/servers/{server_id}")
    assert set(resp.json["server"]) == nova_show_keys(version, admin=True)
    sample.verify("server-get-resp", resp, subs, version=version, endpoints=admin.sample_endpoints)
    resp = member.get("/servers")
    sample.verify("servers-list-resp", resp, subs, version=version, endpoints=member.sample_endpoints)
    resp = admin.get("/servers/detail", params={"all_tenants": "1", "project_id": tenant.project_id})
    assert set(resp.json["servers"][0]) == nova_show_keys(version, admin=True, server_groups=False)
    sample.verify("servers-details-resp", resp, subs, version=version, endpoints=admin.sample_endpoints)
    resp = member.put(f"/servers/{server_id}", sample.request("server-update-req", version=version))
    assert set(resp.json["server"]) == nova_update_keys(version)
    sample.verify("server-update-resp", resp, subs, version=version, endpoints=member.sample_endpoints)
    member.delete(f"/servers/{server_id}", status=204)


@pytest.mark.parametrize("version", ["2.1", "2.47", "2.75", "2.100"])
def test_member_sees_nova_fields_without_admin_attributes(tenant, version):
    server = tenant.create_server(version=version, **({"networks": "none"} if _at_least(version, "2.37") else {}))
    assert set(server) == nova_show_keys(version, admin=False)
    detail = tenant.client("member", version).get("/servers/detail").json["servers"]
    assert [set(item) for item in detail] == [nova_show_keys(version, admin=False, server_groups=False)]


def test_new_server_is_active_with_nova_formats(tenant):
    client = tenant.client()
    resp = client.post("/servers", {"server": {"name": "web", "flavorRef": "2", "imageRef": IMAGE_ID}}, status=202)
    created = resp.json["server"]
    assert resp.headers["Location"] == f"http://localhost/v2.1/servers/{created['id']}"
    assert created["security_groups"] == [{"name": "default"}] and created["OS-DCF:diskConfig"] == "MANUAL"
    server = client.get(resp.headers["Location"]).json["server"]
    assert (server["status"], server["OS-EXT-STS:vm_state"], server["OS-EXT-STS:power_state"]) == ("ACTIVE",
                                                                                                   "active", 1)
    assert server["hostId"] == tenant.host_id() and server["tenant_id"] == tenant.project_id
    assert server["flavor"] == {"id": "2", "links": [{"rel": "bookmark", "href": "http://localhost/flavors/2"}]}
    assert server["image"]["id"] == IMAGE_ID
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", server["created"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}", server["OS-SRV-USG:launched_at"])
    embedded = tenant.client("member", "2.47").get(f"/servers/{server['id']}").json["server"]["flavor"]
    assert embedded == {"vcpus": 1, "ram": 2048, "disk": 20, "ephemeral": 0, "swap": 0,
                        "original_name": "m1.small", "extra_specs": {}}


@pytest.fixture(scope="module")
def servers_only_app():
    """The compute API without the keypairs (and action) plugins, where servers build for an hour."""
    app = start_compute_app(["flavors", "servers"], config={"compute": {"boot_delay": 3600}})
    yield app
    app.stop()


def test_boot_delay_shows_build_first(servers_only_app):
    client = Tenant(servers_only_app).client()
    created = client.post("/servers", {"server": {"name": "slow", "flavorRef": "1", "imageRef": IMAGE_ID}},
                          status=202).json["server"]
    server = client.get(f"/servers/{created['id']}").json["server"]
    assert (server["status"], server["OS-EXT-STS:task_state"], server["addresses"]) == ("BUILD", "scheduling", {})
    assert "progress" in server and server["OS-SRV-USG:launched_at"] is None


def test_return_reservation_id_and_min_count(tenant):
    client = tenant.client()
    body = {"server": {"name": "many", "flavorRef": "1", "imageRef": IMAGE_ID, "min_count": 3,
                       "return_reservation_id": True}}
    reservation = client.post("/servers", body, status=202).json
    assert list(reservation) == ["reservation_id"] and re.fullmatch(r"r-[0-9a-z]{8}", reservation["reservation_id"])
    names = sorted(s["name"] for s in client.get("/servers").json["servers"])
    assert names == ["many", "many-2", "many-3"]


def _names(client, **params):
    return [s["name"] for s in client.get("/servers", params=params).json["servers"]]


def test_list_filters_and_sort(tenant):
    client = tenant.client()
    for name in ("alpha", "beta", "alphabet"):
        tenant.create_server(name)
    assert sorted(_names(client, name="^alpha")) == ["alpha", "alphabet"]
    assert _names(client, name="^alpha$") == ["alpha"]
    assert _names(client, sort_key="display_name", sort_dir="asc") == ["alpha", "alphabet", "beta"]
    assert _names(client, sort_key="display_name", sort_dir="desc") == ["beta", "alphabet", "alpha"]
    beta = next(s for s in client.get("/servers").json["servers"] if s["name"] == "beta")
    client.action(f"/servers/{beta['id']}", "os-stop", status=202)
    assert _names(client, status="SHUTOFF") == ["beta"]
    assert sorted(_names(client, status="active")) == ["alpha", "alphabet"]
    assert _names(client, status="ERROR") == []


#: The list query schema the API serves at each version a test asks for.
_LIST_QUERY_SCHEMAS = {"2.1": server_schemas.index_query, "2.74": server_schemas.index_query_v273,
                       "latest": server_schemas.index_query_v275}


@pytest.mark.parametrize("version", list(_LIST_QUERY_SCHEMAS))
def test_every_sort_key_the_schema_accepts_answers_200(tenant, version):
    for name in ("one", "two"):
        tenant.create_server(name)
    client = tenant.client("member", version)
    accepted = _LIST_QUERY_SCHEMAS[version]["properties"]["sort_key"]["items"]["enum"]
    for key in accepted:
        for path in ("/servers", "/servers/detail"):
            listed = client.get(path, params={"sort_key": key, "sort_dir": "asc"}, status="*")
            assert listed.status_int == 200, (key, listed.text)
            assert len(listed.json["servers"]) == 2


def test_ignored_sort_keys_are_dropped_with_their_direction(tenant):
    created = [tenant.create_server(name)["name"] for name in ("b", "c", "a")]
    newest_first = created[::-1]
    client = tenant.client("member", "2.72")
    assert _names(client) == newest_first
    # Had "asc" stayed, it would have become the direction of the default keys.
    assert _names(client, sort_key="vcpus", sort_dir="asc") == newest_first
    assert _names(client, sort_key="id", sort_dir="asc") == newest_first
    assert _names(client, sort_key=["vcpus", "display_name"], sort_dir=["asc", "desc"]) == ["c", "b", "a"]
    assert _names(client, sort_key=["display_name", "memory_mb"], sort_dir=["asc", "desc"]) == ["a", "b", "c"]
    a = next(s for s in client.get("/servers").json["servers"] if s["name"] == "a")
    client.action(f"/servers/{a['id']}", "lock", status=202)
    # "locked" orders the list from 2.73 (unlocked first, then oldest first) and is ignored before.
    assert _names(client, sort_key="locked", sort_dir="asc") == newest_first
    assert _names(tenant.client("member", "2.73"), sort_key="locked", sort_dir="asc") == ["b", "c", "a"]


def test_changes_since(tenant):
    client = tenant.client()
    old = tenant.create_server("old")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _names(client, **{"changes-since": "2000-01-01T00:00:00Z"}) == ["old"]
    assert _names(client, **{"changes-since": later}) == []
    client.delete(f"/servers/{old['id']}", status=204)
    deleted = client.get("/servers/detail", params={"changes-since": "2000-01-01T00:00:00Z"}).json["servers"]
    assert [(s["name"], s["status"]) for s in deleted] == [("old", "DELETED")]
    assert_fault(client.get("/servers", params={"changes-since": "yesterday"}, status=400), 400, "badRequest")


def test_tag_and_locked_filters(tenant):
    client = tenant.client("member", "2.73")
    red = tenant.create_server("red", version="2.52", networks="none", tags=["red", "warm"])
    tenant.create_server("blue", version="2.52", networks="none", tags=["blue"])
    assert _names(client, tags="red") == ["red"]
    assert _names(client, tags="red,blue") == []
    assert sorted(_names(client, **{"tags-any": "red,blue"})) == ["blue", "red"]
    assert _names(client, **{"not-tags": "red"}) == ["blue"]
    client.action(f"/servers/{red['id']}", "lock", status=202)
    assert _names(client, locked="true") == ["red"]
    assert _names(client, locked="false") == ["blue"]
    # Before 2.26 the tag filters are not part of the API and change nothing.
    assert sorted(_names(tenant.client("member", "2.25"), tags="red")) == ["blue", "red"]


def test_pagination_links_only_on_full_pages(tenant):
    client = tenant.client()
    ids = sorted(tenant.create_server(f"s{i}")["id"] for i in range(3))
    first = client.get("/servers", params={"limit": 2, "sort_key": "uuid", "sort_dir": "asc"}).json
    assert [s["id"] for s in first["servers"]] == ids[:2]
    (link,) = first["servers_links"]
    assert link["rel"] == "next" and link["href"].startswith("http://localhost/v2.1/servers?")
    assert f"marker={ids[1]}" in link["href"] and "limit=2" in link["href"]
    second = client.get(link["href"]).json
    assert [s["id"] for s in second["servers"]] == ids[2:] and "servers_links" not in second
    detail = client.get("/servers/detail", params={"limit": 3}).json
    assert detail["servers_links"][0]["href"].startswith("http://localhost/v2.1/servers/detail?")
    assert "servers_links" not in client.get("/servers", params={"limit": 4}).json
    assert_fault(client.get("/servers", params={"marker": "00000000-0000-0000-0000-000000000000"}, status=400),
                 400, "badRequest")
    assert_fault(client.get("/servers", params={"limit": -1}, status=400), 400, "badRequest")


def test_all_tenants_is_for_admins(tenant):
    mine = tenant.create_server("mine")
    other = tenant.client("other-project")
    other.post("/servers", {"server": {"name": "theirs", "flavorRef": "1", "imageRef": IMAGE_ID}}, status=202)
    assert _names(other, all_tenants="1") == ["theirs"]
    everyone = tenant.client("admin").get("/servers/detail", params={"all_tenants": "1"}).json["servers"]
    assert {"mine", "theirs"} <= {s["name"] for s in everyone}
    scoped = tenant.client("admin").get("/servers", params={"all_tenants": "1", "project_id": tenant.project_id})
    assert [s["id"] for s in scoped.json["servers"]] == [mine["id"]]


def test_strict_query_parameters_from_275(tenant):
    tenant.create_server("one")
    assert _names(tenant.client("member", "2.74"), bogus="1") == ["one"]
    assert_fault(tenant.client("member", "2.75").get("/servers", params={"bogus": "1"}, status=400), 400,
                 "badRequest")
    assert_fault(tenant.client("member", "2.75").get("/servers/detail", params={"bogus": "1"}, status=400), 400,
                 "badRequest")


def test_query_string_that_is_not_utf8_is_400(tenant):
    client = tenant.client("member")
    resp = client.testapp.get("/v2.1/servers?name=%FF%FE", headers=client.headers(), status=400)
    assert "not UTF-8" in assert_fault(resp, 400, "badRequest")


def test_update_and_delete(tenant):
    client = tenant.client("member", "2.19")
    server = tenant.create_server("before", version="2.19")
    updated = client.put(f"/servers/{server['id']}", {"server": {"name": "after", "description": "d"}}).json
    assert (updated["server"]["name"], updated["server"]["description"]) == ("after", "d")
    assert client.get(f"/servers/{server['id']}").json["server"]["name"] == "after"
    client.delete(f"/servers/{server['id']}", status=204)
    assert_fault(client.get(f"/servers/{server['id']}", status=404), 404, "itemNotFound")
    assert_fault(client.delete(f"/servers/{server['id']}", status=404), 404, "itemNotFound")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_project_gets_404(tenant, method):
    server = tenant.create_server()
    body = {"server": {"name": "stolen"}} if method == "PUT" else None
    resp = tenant.client("other-project").request(method, f"/servers/{server['id']}", body, status=404)
    assert_fault(resp, 404, "itemNotFound")
    assert tenant.client().get(f"/servers/{server['id']}").json["server"]["name"] == "server"


@pytest.mark.parametrize(("resource", "limit", "flavor", "message"), [
    ("instances", 1, "1", "Quota exceeded for instances: Requested 1, but already used 1 of 1 instances"),
    ("cores", 2, "3", "Quota exceeded for cores: Requested 2, but already used 1 of 2 cores"),
    ("ram", 1024, "2", "Quota exceeded for ram: Requested 2048, but already used 512 of 1024 ram"),
])
def test_quota_refuses_and_writes_nothing(tenant, resource, limit, flavor, message):
    tenant.set_quota(resource, limit)
    tenant.create_server("first")
    client = tenant.client()
    resp = client.post("/servers", {"server": {"name": "second", "flavorRef": flavor, "imageRef": IMAGE_ID}},
                       status=403)
    assert_fault(resp, 403, "forbidden", message)
    assert _names(client) == ["first"]
    assert tenant.count_rows("servers") == 1


def test_max_count_builds_what_the_quota_allows(tenant):
    client = tenant.client()
    tenant.set_quota("instances", 3)
    tenant.create_server("first")
    body = {"server": {**_VALID, "name": "many", "min_count": 1, "max_count": 5}}
    client.post("/servers", body, status=202)
    assert sorted(_names(client)) == ["first", "many", "many-2"]
    body["server"]["min_count"] = 2
    message = assert_fault(client.post("/servers", body, status=403), 403, "forbidden")
    assert message == "Quota exceeded for instances: Requested 2, but already used 3 of 3 instances"
    body["server"].update(min_count=3, max_count=2)
    assert_fault(client.post("/servers", body, status=400), 400, "badRequest", "min_count must be <= max_count")
    assert tenant.count_rows("servers") == 3


def test_huge_min_count_is_over_quota(tenant):
    body = {"server": {**_VALID, "min_count": 10 ** 30}}
    message = assert_fault(tenant.client().post("/servers", body, status=403), 403, "forbidden")
    assert message.startswith("Quota exceeded for cores, instances, ram: Requested 1000000000000000000000000000000")
    assert tenant.count_rows("servers") == 0


def test_invalid_key_name_writes_nothing(tenant):
    client = tenant.client()
    body = {"server": {"name": "k", "flavorRef": "1", "imageRef": IMAGE_ID, "key_name": "missing"}}
    assert_fault(client.post("/servers", body, status=400), 400, "badRequest", "Invalid key_name provided.")
    assert _names(client) == [] and tenant.count_rows("servers") == 0


_VALID = {"name": "ok", "flavorRef": "1", "imageRef": IMAGE_ID}


@pytest.mark.parametrize("server", [
    {**_VALID, "name": ""},
    {**_VALID, "name": "x" * 256},
    {**_VALID, "name": "nul\u0000byte"},
    {**_VALID, "name": 42},
    {**_VALID, "flavorRef": ""},
    {**_VALID, "flavorRef": "99999"},
    {**_VALID, "flavorRef": 10 ** 30},
    {**_VALID, "imageRef": "not-a-uuid"},
    {**_VALID, "min_count": 0},
    {**_VALID, "metadata": {"k": "v" * 256}},
    {**_VALID, "metadata": {"k": 1}},
    {**_VALID, "accessIPv4": "999.1.1.1"},
    {**_VALID, "unknown": True},
    {"name": "no-flavor", "imageRef": IMAGE_ID},
    [_VALID],
])
def test_bad_server_create_is_400_and_writes_nothing(tenant, server):
    client = tenant.client()
    body = server if isinstance(server, list) else {"server": server}
    assert_fault(client.post("/servers", body, status=400), 400, "badRequest")
    assert tenant.count_rows("servers") == 0


@pytest.mark.parametrize(("body", "content_type"), [
    (b"{not json", "application/json"),
    (b"", "application/json"),
    (b'{"server": {"name": "a"', "application/json"),
    ("\ufeff{}".encode(), "application/json"),
    (b"\xff\xfe\x00", "application/json"),
])
def test_malformed_bodies_are_4xx_faults(tenant, body, content_type):
    resp = tenant.client().post("/servers", body, content_type=content_type, status="*")
    assert 400 <= resp.status_int < 500, resp.text
    assert len(resp.json) == 1 and resp.json[next(iter(resp.json))]["code"] == resp.status_int


def test_bad_update_bodies(tenant):
    server = tenant.create_server()
    client = tenant.client()
    for body in ({"server": {"name": ""}}, {"server": {"name": "a" * 256}}, {"server": {"bogus": 1}},
                 {"server": {"description": "not before 2.19"}}, {"server": "name"}):
        assert_fault(client.put(f"/servers/{server['id']}", body, status=400), 400, "badRequest")
    assert client.get(f"/servers/{server['id']}").json["server"]["name"] == "server"


def test_unknown_server_id_shapes_are_404(tenant):
    client = tenant.client()
    for server_id in ("00000000-0000-0000-0000-000000000000", "not-a-uuid", "x" * 300, "%00"):
        assert_fault(client.get(f"/servers/{server_id}", status=404), 404, "itemNotFound")


def test_key_name_needs_the_keypairs_plugin(servers_only_app):
    tenant = Tenant(servers_only_app)
    client = tenant.client()
    body = {"server": {"name": "k", "flavorRef": "1", "imageRef": IMAGE_ID, "key_name": "mine"}}
    message = assert_fault(client.post("/servers", body, status=400), 400, "badRequest")
    assert "key_name" in message
    assert tenant.count_rows("servers") == 0
    client.post("/servers", {"server": {"name": "plain", "flavorRef": "1", "imageRef": IMAGE_ID}}, status=202)
    assert_fault(client.get("/os-keypairs", status=404), 404, "itemNotFound")


def test_server_names_need_not_be_unique(tenant):
    twice = unique("twin")
    tenant.create_server(twice)
    tenant.create_server(twice)
    assert _names(tenant.client(), name=twice) == [twice, twice]


def test_requested_zone_and_scheduler_hints_are_shown_from_their_versions(tenant):
    client = tenant.client("member", "2.100")
    body = {"server": {"name": "pinned", "flavorRef": "1", "imageRef": IMAGE_ID, "networks": "auto",
                       "availability_zone": "nova"},
            "os:scheduler_hints": {"same_host": IMAGE_ID}}
    server_id = client.post("/servers", body, status=202).json["server"]["id"]
    shown = client.get(f"/servers/{server_id}").json["server"]
    assert shown["pinned_availability_zone"] == "nova"
    assert shown["scheduler_hints"] == {"same_host": IMAGE_ID}
    unpinned = tenant.create_server("free", version="2.100", networks="auto")
    assert unpinned["pinned_availability_zone"] is None and unpinned["scheduler_hints"] == {}
    assert "scheduler_hints" not in tenant.client("member", "2.99").get(f"/servers/{server_id}").json["server"]


def test_ip_filter_matches_fixed_addresses(tenant):
    first = tenant.create_server("first", networks="auto", version="2.37")
    second = tenant.create_server("second", networks="auto", version="2.37")
    address = fake_address(first["id"])["addr"]
    client = tenant.client("member")
    assert [s["id"] for s in client.get("/servers", params={"ip": re.escape(address) + "$"}).json["servers"]] \
        == [first["id"]]
    both = client.get("/servers", params={"ip": r"^10\."}).json["servers"]
    assert {s["id"] for s in both} == {first["id"], second["id"]}
    assert client.get("/servers", params={"ip6": "."}, version="2.5").json["servers"] == []
    assert_fault(client.get("/servers", params={"ip": "("}, status=400), 400, "badRequest")

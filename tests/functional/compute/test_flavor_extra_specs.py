"""Flavor extra specs: admin writes, users read; 2.61 shows them in flavors."""

from __future__ import annotations

import pytest
from compute_testlib import new_flavor, samples

from apiframe.testing import assert_fault

SAMPLES = samples("flavor-extra-specs")


def test_extra_specs_samples_and_operations(tenant):
    admin, member = tenant.client("admin"), tenant.client()
    flavor_id = new_flavor(admin)["id"]
    base = f"/flavors/{flavor_id}/os-extra_specs"
    SAMPLES.call(admin, "POST", base, "flavor-extra-specs-create-req", "flavor-extra-specs-create-resp")
    SAMPLES.call(member, "GET", base, response="flavor-extra-specs-list-resp")
    SAMPLES.call(member, "GET", f"{base}/hw:cpu_policy", response="flavor-extra-specs-get-resp")
    SAMPLES.call(admin, "PUT", f"{base}/hw:numa_nodes", "flavor-extra-specs-update-req",
                 "flavor-extra-specs-update-resp")
    admin.delete(f"{base}/hw:cpu_policy", status=200)
    assert member.get(base).json == {"extra_specs": {"hw:numa_nodes": "2"}}
    assert_fault(member.get(f"{base}/hw:cpu_policy", status=404), 404, "itemNotFound")
    assert_fault(admin.delete(f"{base}/hw:cpu_policy", status=404), 404, "itemNotFound")
    shown = tenant.client("member", "2.61").get(f"/flavors/{flavor_id}").json["flavor"]
    assert shown["extra_specs"] == {"hw:numa_nodes": "2"}
    assert "extra_specs" not in tenant.client("member", "2.60").get(f"/flavors/{flavor_id}").json["flavor"]


def test_numbers_become_strings_and_server_embeds_them(tenant):
    admin = tenant.client("admin")
    flavor_id = new_flavor(admin)["id"]
    assert admin.post(f"/flavors/{flavor_id}/os-extra_specs", {"extra_specs": {"n": 2}}).json == {
        "extra_specs": {"n": "2"}}
    server = tenant.create_server(flavorRef=flavor_id, version="2.47", networks="none")
    assert server["flavor"]["extra_specs"] == {"n": "2"}


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "", {"extra_specs": {"k": "v"}}),
    ("PUT", "/k", {"k": "v"}),
    ("DELETE", "/k", None),
])
def test_members_cannot_write(tenant, method, path, body):
    admin = tenant.client("admin")
    flavor_id = new_flavor(admin)["id"]
    admin.post(f"/flavors/{flavor_id}/os-extra_specs", {"extra_specs": {"k": "original"}})
    resp = tenant.client().request(method, f"/flavors/{flavor_id}/os-extra_specs{path}", body, status=403)
    assert_fault(resp, 403, "forbidden")
    assert tenant.client().get(f"/flavors/{flavor_id}/os-extra_specs").json == {"extra_specs": {"k": "original"}}


@pytest.mark.parametrize(("path", "body", "method"), [
    ("", {"extra_specs": {"": "v"}}, "POST"),
    ("", {"extra_specs": {"k" * 256: "v"}}, "POST"),
    ("", {"extra_specs": {"k": "v" * 256}}, "POST"),
    ("", {"extra_specs": {"k": None}}, "POST"),
    ("", {"extra_specs": "k"}, "POST"),
    ("/k", {"other": "v"}, "PUT"),
    ("/k", {"k": "v", "j": "w"}, "PUT"),
])
def test_bad_extra_specs_are_400(tenant, path, body, method):
    admin = tenant.client("admin")
    flavor_id = new_flavor(admin)["id"]
    assert_fault(admin.request(method, f"/flavors/{flavor_id}/os-extra_specs{path}", body, status=400), 400,
                 "badRequest")
    assert admin.get(f"/flavors/{flavor_id}/os-extra_specs").json == {"extra_specs": {}}


def test_unknown_flavor_is_404(tenant):
    admin = tenant.client("admin")
    assert_fault(admin.get("/flavors/nope/os-extra_specs", status=404), 404, "itemNotFound")
    assert_fault(admin.post("/flavors/nope/os-extra_specs", {"extra_specs": {"k": "v"}}, status=404), 404,
                 "itemNotFound")

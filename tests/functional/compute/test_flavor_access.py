"""Flavor access: private flavors are visible only to the projects on their access list."""

from __future__ import annotations

from compute_testlib import IMAGE_ID, samples, unique

from apiframe.testing import assert_fault

SAMPLES = samples("flavor-access")


def test_private_flavor_access(tenant):
    admin, member, other = tenant.client("admin"), tenant.client(), tenant.client("other-project")
    flavor_id = unique("flv-private")
    subs = {"flavor_id": flavor_id, "flavor_name": unique("private"), "project_id": tenant.project_id}
    resp = SAMPLES.call(admin, "POST", "/flavors", "flavor-create-req", "flavor-create-resp", subs)
    assert resp.json["flavor"]["os-flavor-access:is_public"] is False
    assert_fault(member.get(f"/flavors/{flavor_id}", status=404), 404, "itemNotFound")
    assert flavor_id not in {f["id"] for f in member.get("/flavors/detail").json["flavors"]}
    server = {"server": {"name": "s", "flavorRef": flavor_id, "imageRef": IMAGE_ID}}
    assert_fault(member.post("/servers", server, status=400), 400, "badRequest")

    SAMPLES.call(admin, "POST", f"/flavors/{flavor_id}/action", "flavor-access-add-tenant-req",
                 "flavor-access-add-tenant-resp", subs)
    SAMPLES.call(admin, "GET", f"/flavors/{flavor_id}/os-flavor-access", response="flavor-access-list-resp",
                 subs=subs)
    assert member.get(f"/flavors/{flavor_id}").json["flavor"]["id"] == flavor_id
    assert flavor_id in {f["id"] for f in member.get("/flavors").json["flavors"]}
    assert_fault(other.get(f"/flavors/{flavor_id}", status=404), 404, "itemNotFound")
    member.post("/servers", server, status=202)
    assert_fault(admin.action(f"/flavors/{flavor_id}", "addTenantAccess", {"tenant": tenant.project_id},
                              status=409), 409, "conflictingRequest")

    SAMPLES.call(admin, "POST", f"/flavors/{flavor_id}/action", "flavor-access-remove-tenant-req",
                 "flavor-access-remove-tenant-resp", subs)
    assert_fault(member.get(f"/flavors/{flavor_id}", status=404), 404, "itemNotFound")
    assert_fault(admin.action(f"/flavors/{flavor_id}", "removeTenantAccess", {"tenant": tenant.project_id},
                              status=404), 404, "itemNotFound")
    admin_view = admin.get("/flavors", params={"is_public": "false"}).json["flavors"]
    assert flavor_id in {f["id"] for f in admin_view}


def test_public_flavor_has_no_access_list(tenant):
    assert_fault(tenant.client("admin").get("/flavors/1/os-flavor-access", status=404), 404, "itemNotFound")


def test_only_admins_manage_access(tenant):
    admin, member = tenant.client("admin"), tenant.client()
    flavor_id = admin.post("/flavors", {"flavor": {"name": unique("p"), "ram": 1, "vcpus": 1, "disk": 1,
                                                   "id": unique("flv"), "os-flavor-access:is_public": False}}
                           ).json["flavor"]["id"]
    resp = member.action(f"/flavors/{flavor_id}", "addTenantAccess", {"tenant": tenant.project_id}, status="*")
    assert resp.status_int in (403, 404)
    assert_fault(member.get(f"/flavors/{flavor_id}/os-flavor-access", status=403), 403, "forbidden")
    for bad in ({"tenant": ""}, {"tenant": "x" * 256}, {}, {"tenant": 1}):
        assert_fault(admin.action(f"/flavors/{flavor_id}", "addTenantAccess", bad, status=400), 400, "badRequest")
    assert admin.get(f"/flavors/{flavor_id}/os-flavor-access").json == {"flavor_access": []}

"""Server tags (2.26+)."""

from __future__ import annotations

import pytest
from compute_testlib import samples

from apiframe.testing import assert_fault

SAMPLES = samples("server-tags")


def test_tags_samples_and_operations(tenant):
    client = tenant.client("member", "2.26")
    server_id = tenant.create_server()["id"]
    base = f"/servers/{server_id}/tags"
    SAMPLES.call(client, "PUT", base, "server-tags-put-all-req", "server-tags-put-all-resp")
    SAMPLES.call(client, "GET", base, response="server-tags-index-resp")
    client.get(f"{base}/tag1", status=204)
    assert_fault(client.get(f"{base}/nope", status=404), 404, "itemNotFound")
    resp = client.put(f"{base}/tag3", status=201)
    assert resp.headers["Location"] == f"http://localhost/v2.1/servers/{server_id}/tags/tag3"
    client.put(f"{base}/tag3", status=204)
    client.delete(f"{base}/tag1", status=204)
    assert_fault(client.delete(f"{base}/tag1", status=404), 404, "itemNotFound")
    assert sorted(client.get(base).json["tags"]) == ["tag2", "tag3"]
    assert sorted(client.get(f"/servers/{server_id}").json["server"]["tags"]) == ["tag2", "tag3"]
    client.delete(base, status=204)
    assert client.get(base).json == {"tags": []}


def test_tags_do_not_exist_before_226(tenant):
    server_id = tenant.create_server()["id"]
    client = tenant.client("member", "2.25")
    for method in ("GET", "PUT", "DELETE"):
        assert_fault(client.request(method, f"/servers/{server_id}/tags", {"tags": []} if method == "PUT" else None,
                                    status=404), 404, "itemNotFound")
    assert_fault(client.put(f"/servers/{server_id}/tags/t", status=404), 404, "itemNotFound")


@pytest.mark.parametrize("tags", [["a,b"], ["a/b"], [""], ["x" * 61], [1], "tag", [f"t{i}" for i in range(51)]])
def test_bad_tags_are_400(tenant, tags):
    server_id = tenant.create_server()["id"]
    client = tenant.client("member", "2.26")
    assert_fault(client.put(f"/servers/{server_id}/tags", {"tags": tags}, status=400), 400, "badRequest")
    assert client.get(f"/servers/{server_id}/tags").json == {"tags": []}


def test_tag_limit_on_single_add(tenant):
    server_id = tenant.create_server()["id"]
    client = tenant.client("member", "2.26")
    client.put(f"/servers/{server_id}/tags", {"tags": [f"t{i}" for i in range(50)]})
    assert_fault(client.put(f"/servers/{server_id}/tags/one-more", status=400), 400, "badRequest")
    assert_fault(client.put(f"/servers/{server_id}/tags/{'x' * 61}", status=400), 400, "badRequest")


def test_tags_on_create_from_252_and_isolation(tenant):
    server_id = tenant.create_server(version="2.52", networks="none", tags=["born"])["id"]
    assert tenant.client("member", "2.26").get(f"/servers/{server_id}/tags").json == {"tags": ["born"]}
    other = tenant.client("other-project", "2.26")
    assert_fault(other.get(f"/servers/{server_id}/tags", status=404), 404, "itemNotFound")
    assert_fault(other.delete(f"/servers/{server_id}/tags", status=404), 404, "itemNotFound")
    assert_fault(other.put(f"/servers/{server_id}/tags/x", status=404), 404, "itemNotFound")
    body = {"server": {"name": "t", "flavorRef": "1", "networks": "none", "tags": ["early"]}}
    assert_fault(tenant.client("member", "2.51").post("/servers", body, status=400), 400, "badRequest")

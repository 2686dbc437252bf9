"""Server metadata: the six operations, ``meta`` single-key semantics, quota and locking."""

from __future__ import annotations

import pytest
from compute_testlib import samples

from apiframe.testing import assert_fault

SAMPLES = samples("server-metadata")


def test_metadata_samples_and_semantics(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    base = f"/servers/{server_id}/metadata"
    SAMPLES.call(client, "POST", base, "server-metadata-all-req", "server-metadata-all-resp", {"value": "Foo Value"})
    SAMPLES.call(client, "PUT", base, "server-metadata-all-req", "server-metadata-all-resp", {"value": "Foo Value"})
    SAMPLES.call(client, "GET", base, response="server-metadata-all-resp", subs={"value": "Foo Value"})
    SAMPLES.call(client, "PUT", f"{base}/foo", "server-metadata-req", "server-metadata-resp", {"value": "Bar Value"})
    SAMPLES.call(client, "GET", f"{base}/foo", response="server-metadata-resp", subs={"value": "Bar Value"})
    client.delete(f"{base}/foo", status=204)
    assert client.get(base).json == {"metadata": {}}
    assert_fault(client.get(f"{base}/foo", status=404), 404, "itemNotFound", "Metadata item was not found")
    assert_fault(client.delete(f"{base}/foo", status=404), 404, "itemNotFound")
    assert client.get(f"/servers/{server_id}").json["server"]["metadata"] == {}


def test_post_merges_and_put_replaces(tenant):
    client = tenant.client()
    server_id = tenant.create_server(metadata={"a": "1", "b": "2"})["id"]
    base = f"/servers/{server_id}/metadata"
    assert client.post(base, {"metadata": {"b": "3", "c": "4"}}).json == {"metadata": {"a": "1", "b": "3", "c": "4"}}
    assert client.put(base, {"metadata": {"z": "9"}}).json == {"metadata": {"z": "9"}}
    assert client.get(base).json == {"metadata": {"z": "9"}}


@pytest.mark.parametrize("body", [
    {"meta": {"other": "v"}},
    {"meta": {"key": "v", "second": "v"}},
    {"meta": {}},
    {"metadata": {"key": "v"}},
])
def test_single_item_body_must_match_the_uri(tenant, body):
    server_id = tenant.create_server()["id"]
    resp = tenant.client().put(f"/servers/{server_id}/metadata/key", body, status=400)
    message = assert_fault(resp, 400, "badRequest")
    if body == {"meta": {"other": "v"}}:
        assert message == "Request body and URI mismatch"
    assert tenant.client().get(f"/servers/{server_id}/metadata").json == {"metadata": {}}


@pytest.mark.parametrize("metadata", [
    {"": "empty key"},
    {"k" * 256: "long key"},
    {"k": "v" * 256},
    {"k": 1},
    {"k": None},
    {"bad/key": "v"},
    {"nul\u0000": "v"},
    ["not", "a", "dict"],
])
def test_bad_metadata_is_400(tenant, metadata):
    server_id = tenant.create_server()["id"]
    client = tenant.client()
    assert_fault(client.post(f"/servers/{server_id}/metadata", {"metadata": metadata}, status=400), 400,
                 "badRequest")
    assert_fault(client.put(f"/servers/{server_id}/metadata", {"metadata": metadata}, status=400), 400,
                 "badRequest")
    assert client.get(f"/servers/{server_id}/metadata").json == {"metadata": {}}


def test_metadata_quota_counts_items(compute_app, tenant):
    limit = compute_app.conf.quota.metadata_items
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    base = f"/servers/{server_id}/metadata"
    full = {f"k{i}": "v" for i in range(limit)}
    client.put(base, {"metadata": full})
    message = assert_fault(client.post(base, {"metadata": {"one": "more"}}, status=403), 403, "forbidden")
    assert "metadata" in message.lower()
    assert_fault(client.put(f"{base}/one", {"meta": {"one": "more"}}, status=403), 403, "forbidden")
    # Overwriting an existing key does not add an item.
    client.put(f"{base}/k0", {"meta": {"k0": "changed"}})
    assert len(client.get(base).json["metadata"]) == limit
    over = {**full, "extra": "v"}
    assert_fault(client.put(base, {"metadata": over}, status=403), 403, "forbidden")
    body = {"server": {"name": "m", "flavorRef": "1", "metadata": over}}
    assert_fault(client.post("/servers", body, status=403), 403, "forbidden")
    assert tenant.count_rows("servers") == 1


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "", None), ("POST", "", {"metadata": {"a": "b"}}), ("PUT", "", {"metadata": {"a": "b"}}),
    ("GET", "/a", None), ("PUT", "/a", {"meta": {"a": "b"}}), ("DELETE", "/a", None),
])
def test_other_project_gets_404(tenant, method, path, body):
    server_id = tenant.create_server(metadata={"a": "original"})["id"]
    resp = tenant.client("other-project").request(method, f"/servers/{server_id}/metadata{path}", body, status=404)
    assert_fault(resp, 404, "itemNotFound")
    assert tenant.client().get(f"/servers/{server_id}/metadata").json == {"metadata": {"a": "original"}}

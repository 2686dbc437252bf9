"""Lock and unlock: a locked server refuses changes from non-admins; an admin's lock binds the owner."""

from __future__ import annotations

import pytest
from compute_testlib import sample_action, samples

from apiframe.testing import assert_fault

SAMPLES = samples("lock-server")


def _lock(client, server_id, status=202):
    return sample_action(client, SAMPLES, server_id, "lock-server", status=status)


def _unlock(client, server_id, status=202):
    return sample_action(client, SAMPLES, server_id, "unlock-server", status=status)


def _locked(message, server_id):
    return message == f"Instance {server_id} is locked"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("PUT", "", {"server": {"name": "changed"}}),
    ("DELETE", "", None),
    ("POST", "/action", {"os-stop": None}),
    ("POST", "/action", {"reboot": {"type": "HARD"}}),
    ("POST", "/action", {"resize": {"flavorRef": "2"}}),
    ("POST", "/action", {"pause": None}),
    ("POST", "/action", {"suspend": None}),
    ("POST", "/metadata", {"metadata": {"a": "b"}}),
    ("PUT", "/metadata/a", {"meta": {"a": "b"}}),
])
def test_locked_server_refuses_changes_to_its_owner(tenant, method, path, body):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _lock(client, server_id)
    resp = client.request(method, f"/servers/{server_id}{path}", body, status=409)
    assert _locked(assert_fault(resp, 409, "conflictingRequest"), server_id)
    server = client.get(f"/servers/{server_id}").json["server"]
    assert (server["name"], server["status"], server["metadata"]) == ("server", "ACTIVE", {})
    # Administrators are not bound by locks.
    assert tenant.client("admin").request(method, f"/servers/{server_id}{path}", body, status="*").status_int < 300


def test_owner_lock_and_unlock(tenant):
    client = tenant.client("member", "2.9")
    server_id = tenant.create_server()["id"]
    _lock(client, server_id)
    assert client.get(f"/servers/{server_id}").json["server"]["locked"] is True
    _unlock(client, server_id)
    assert client.get(f"/servers/{server_id}").json["server"]["locked"] is False
    client.put(f"/servers/{server_id}", {"server": {"name": "free"}})


def test_admin_lock_cannot_be_unlocked_by_the_owner(tenant):
    member = tenant.client("member", "2.73")
    server_id = tenant.create_server()["id"]
    _lock(tenant.client("admin", "2.73"), server_id)
    server = member.get(f"/servers/{server_id}").json["server"]
    assert (server["locked"], server["locked_reason"]) == (True, "I don't want to work")
    assert_fault(_unlock(member, server_id, status=403), 403, "forbidden")
    assert member.get(f"/servers/{server_id}").json["server"]["locked"] is True
    _unlock(tenant.client("admin"), server_id)
    assert member.get(f"/servers/{server_id}").json["server"]["locked_reason"] is None


def test_lock_reason_needs_273(tenant):
    server_id = tenant.create_server()["id"]
    body = {"lock": {"locked_reason": "maintenance"}}
    tenant.client("member", "2.72").post(f"/servers/{server_id}/action", body, status=202)
    assert tenant.client("member", "2.73").get(f"/servers/{server_id}").json["server"]["locked_reason"] is None
    for bad in ({"lock": {"locked_reason": ""}}, {"lock": {"locked_reason": "x" * 256}}, {"lock": {"other": 1}}):
        assert_fault(tenant.client("member", "2.73").post(f"/servers/{server_id}/action", bad, status=400), 400,
                     "badRequest")


def test_other_project_cannot_lock(tenant):
    server_id = tenant.create_server()["id"]
    assert_fault(_lock(tenant.client("other-project"), server_id, status=404), 404, "itemNotFound")
    assert_fault(_unlock(tenant.client("other-project"), server_id, status=404), 404, "itemNotFound")

"""Suspend and resume."""

from __future__ import annotations

from compute_testlib import sample_action, samples

from apiframe.testing import assert_fault

SAMPLES = samples("suspend-server")


def _act(client, server_id, request, status=202):
    return sample_action(client, SAMPLES, server_id, request, status=status)


def test_suspend_and_resume(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "server-suspend")
    server = client.get(f"/servers/{server_id}").json["server"]
    assert (server["status"], server["OS-EXT-STS:vm_state"], server["OS-EXT-STS:power_state"]) == (
        "SUSPENDED", "suspended", 7)
    assert_fault(_act(client, server_id, "server-suspend", status=409), 409, "conflictingRequest",
                 f"Cannot 'suspend' instance {server_id} while it is in vm_state suspended")
    _act(client, server_id, "server-resume")
    assert client.get(f"/servers/{server_id}").json["server"]["status"] == "ACTIVE"
    assert_fault(_act(client, server_id, "server-resume", status=409), 409, "conflictingRequest",
                 f"Cannot 'resume' instance {server_id} while it is in vm_state active")


def test_stopped_server_cannot_be_suspended(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    client.action(f"/servers/{server_id}", "os-stop", status=202)
    assert_fault(_act(client, server_id, "server-suspend", status=409), 409, "conflictingRequest",
                 f"Cannot 'suspend' instance {server_id} while it is in vm_state stopped")


def test_other_project_cannot_suspend(tenant):
    server_id = tenant.create_server()["id"]
    assert_fault(_act(tenant.client("other-project"), server_id, "server-suspend", status=404), 404, "itemNotFound")

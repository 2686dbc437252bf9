"""Pause and unpause."""

from __future__ import annotations

from compute_testlib import sample_action, samples

from apiframe.testing import assert_fault

SAMPLES = samples("pause-server")


def _act(client, server_id, request, status=202):
    return sample_action(client, SAMPLES, server_id, request, status=status)


def test_pause_and_unpause(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "pause-server")
    server = client.get(f"/servers/{server_id}").json["server"]
    assert (server["status"], server["OS-EXT-STS:power_state"]) == ("PAUSED", 3)
    assert_fault(_act(client, server_id, "pause-server", status=409), 409, "conflictingRequest",
                 f"Cannot 'pause' instance {server_id} while it is in vm_state paused")
    _act(client, server_id, "unpause-server")
    assert client.get(f"/servers/{server_id}").json["server"]["status"] == "ACTIVE"
    assert_fault(_act(client, server_id, "unpause-server", status=409), 409, "conflictingRequest",
                 f"Cannot 'unpause' instance {server_id} while it is in vm_state active")


def test_paused_server_can_be_hard_rebooted_but_not_stopped(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "pause-server")
    assert_fault(client.action(f"/servers/{server_id}", "os-stop", status=409), 409, "conflictingRequest")
    client.action(f"/servers/{server_id}", "reboot", {"type": "HARD"}, status=202)
    assert client.get(f"/servers/{server_id}").json["server"]["status"] == "ACTIVE"


def test_reader_and_other_project_cannot_pause(tenant):
    server_id = tenant.create_server()["id"]
    assert_fault(_act(tenant.client("reader"), server_id, "pause-server", status=403), 403, "forbidden")
    assert_fault(_act(tenant.client("other-project"), server_id, "pause-server", status=404), 404, "itemNotFound")
    assert tenant.client().get(f"/servers/{server_id}").json["server"]["status"] == "ACTIVE"

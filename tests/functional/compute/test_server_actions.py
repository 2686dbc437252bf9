"""Server actions: reboot, stop/start, resize with confirm and revert, createImage."""

from __future__ import annotations

import pytest
from compute_testlib import sample_action, samples

from apiframe.testing import assert_fault

SAMPLES = samples("server-actions")


def _status(client, server_id):
    server = client.get(f"/servers/{server_id}").json["server"]
    return server["status"], server["OS-EXT-STS:vm_state"], server["OS-EXT-STS:power_state"]


def _act(client, server_id, request, subs=None, status=202):
    return sample_action(client, SAMPLES, server_id, request, subs, status)


def _conflict(resp, action, server_id, state):
    assert_fault(resp, 409, "conflictingRequest", f"Cannot '{action}' instance {server_id} while it is in {state}")


@pytest.mark.parametrize("reboot_type", ["SOFT", "HARD", "soft", "Hard"])
def test_reboot(tenant, reboot_type):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "server-action-reboot", {"type": reboot_type})
    assert _status(client, server_id) == ("ACTIVE", "active", 1)


def test_stop_start_and_invalid_transitions(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _conflict(_act(client, server_id, "server-action-start", status=409), "start", server_id, "vm_state active")
    _act(client, server_id, "server-action-stop")
    assert _status(client, server_id) == ("SHUTOFF", "stopped", 4)
    _conflict(_act(client, server_id, "server-action-stop", status=409), "stop", server_id, "vm_state stopped")
    _conflict(_act(client, server_id, "server-action-reboot", {"type": "SOFT"}, status=409), "reboot", server_id,
              "vm_state stopped")
    _act(client, server_id, "server-action-reboot", {"type": "HARD"})
    assert _status(client, server_id) == ("ACTIVE", "active", 1)
    _act(client, server_id, "server-action-stop")
    _act(client, server_id, "server-action-start")
    assert _status(client, server_id) == ("ACTIVE", "active", 1)


def test_resize_confirm_keeps_the_new_flavor(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "server-action-resize", {"flavor_id": "2"})
    assert _status(client, server_id)[0] == "VERIFY_RESIZE"
    assert client.get(f"/servers/{server_id}").json["server"]["flavor"]["id"] == "2"
    _conflict(_act(client, server_id, "server-action-resize", {"flavor_id": "3"}, status=409), "resize", server_id,
              "vm_state resized")
    _act(client, server_id, "server-action-confirm-resize", status=204)
    assert _status(client, server_id) == ("ACTIVE", "active", 1)
    assert client.get(f"/servers/{server_id}").json["server"]["flavor"]["id"] == "2"
    _conflict(_act(client, server_id, "server-action-confirm-resize", status=409), "confirmResize", server_id,
              "vm_state active")
    usage = client.get("/limits").json["limits"]["absolute"]
    assert (usage["totalCoresUsed"], usage["totalRAMUsed"]) == (1, 2048)


def test_resize_revert_restores_the_old_flavor(tenant):
    client = tenant.client("member", "2.47")
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "server-action-resize", {"flavor_id": "3"})
    assert client.get(f"/servers/{server_id}").json["server"]["flavor"]["original_name"] == "m1.medium"
    _act(client, server_id, "server-action-revert-resize")
    server = client.get(f"/servers/{server_id}").json["server"]
    assert (server["status"], server["flavor"]["original_name"]) == ("ACTIVE", "m1.tiny")
    _conflict(_act(client, server_id, "server-action-revert-resize", status=409), "revertResize", server_id,
              "vm_state active")


def test_resize_of_a_stopped_server_returns_to_shutoff(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    _act(client, server_id, "server-action-stop")
    _act(client, server_id, "server-action-resize", {"flavor_id": "2"})
    _act(client, server_id, "server-action-confirm-resize", status=204)
    assert _status(client, server_id) == ("SHUTOFF", "stopped", 4)


def test_resize_errors(tenant):
    client = tenant.client()
    server_id = tenant.create_server()["id"]
    assert_fault(_act(client, server_id, "server-action-resize", {"flavor_id": "1"}, status=400), 400, "badRequest",
                 "When resizing, instances must change flavor!")
    assert_fault(_act(client, server_id, "server-action-resize", {"flavor_id": "404"}, status=400), 400,
                 "badRequest")
    tenant.set_quota("cores", 1)
    message = assert_fault(_act(client, server_id, "server-action-resize", {"flavor_id": "3"}, status=403), 403,
                           "forbidden")
    assert message.startswith("Quota exceeded for cores")
    assert _status(client, server_id)[0] == "ACTIVE"


@pytest.mark.parametrize(("version", "has_body"), [("2.1", False), ("2.45", True)])
def test_create_image(tenant, version, has_body):
    client = tenant.client("member", version)
    server_id = tenant.create_server()["id"]
    resp = _act(client, server_id, "server-action-create-image")
    if has_body:
        SAMPLES.verify("server-action-create-image-resp", resp, version=version, endpoints=client.sample_endpoints)
        assert "Location" not in resp.headers
    else:
        assert resp.body == b"" and resp.headers["Location"].startswith("http://localhost/images/")


@pytest.mark.parametrize("body", [
    {"reboot": {"type": "COLD"}},
    {"reboot": {}},
    {"reboot": None},
    {"resize": {}},
    {"resize": {"flavorRef": ""}},
    {"createImage": {}},
    {"createImage": {"name": "x" * 256}},
    {"noSuchAction": None},
    {},
    {"reboot": {"type": "SOFT"}, "os-stop": None},
])
def test_bad_action_bodies_are_400(tenant, body):
    server_id = tenant.create_server()["id"]
    assert_fault(tenant.client().post(f"/servers/{server_id}/action", body, status=400), 400, "badRequest")


@pytest.mark.parametrize("action", ["os-stop", "reboot", "resize", "createImage"])
def test_other_project_gets_404(tenant, action):
    server_id = tenant.create_server()["id"]
    values = {"reboot": {"type": "HARD"}, "resize": {"flavorRef": "2"}, "createImage": {"name": "i"}}
    resp = tenant.client("other-project").action(f"/servers/{server_id}", action, values.get(action), status=404)
    assert_fault(resp, 404, "itemNotFound")
    assert _status(tenant.client(), server_id)[0] == "ACTIVE"


def test_action_on_unknown_server_is_404(tenant):
    resp = tenant.client().action("/servers/00000000-0000-0000-0000-000000000000", "os-stop", status=404)
    assert_fault(resp, 404, "itemNotFound")

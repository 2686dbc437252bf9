"""The fake hypervisor: Nova's status map, allowed transitions, lazy completion."""

import datetime as dt

import pytest

from apiframe import exception
from apiframe.compute import driver
from apiframe.compute.db.models import Server

T0 = dt.datetime(2025, 1, 1)
SMALL = {"flavorid": "1", "name": "m1.tiny", "vcpus": 1, "ram": 512, "disk": 1}
LARGE = {"flavorid": "4", "name": "m1.large", "vcpus": 4, "ram": 8192, "disk": 80}


def _at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def fake():
    return driver.FakeDriver(boot_delay=5, action_delay=2)


@pytest.fixture
def server(fake):
    """An ACTIVE server (booted at 0, active from 5)."""
    server = Server(id="3f1c", name="s", project_id="p", user_id="u", deleted=False, power_state=0)
    server.apply_flavor(SMALL)
    fake.spawn(server, _at(0))
    driver.settle(server, _at(5))
    return server


def _status(server, now):
    driver.settle(server, now)
    return driver.server_status(server)


@pytest.mark.parametrize(
    ("vm_state", "task_state", "status"),
    [
        ("active", None, "ACTIVE"),
        ("active", "rebooting", "REBOOT"),
        ("active", "rebooting_hard", "HARD_REBOOT"),
        ("active", "powering-off", "ACTIVE"),
        ("active", "resize_prep", "RESIZE"),
        ("building", "scheduling", "BUILD"),
        ("stopped", None, "SHUTOFF"),
        ("stopped", "resize_prep", "RESIZE"),
        ("resized", None, "VERIFY_RESIZE"),
        ("resized", "resize_reverting", "REVERT_RESIZE"),
        ("paused", None, "PAUSED"),
        ("suspended", None, "SUSPENDED"),
        ("error", None, "ERROR"),
        ("deleted", None, "DELETED"),
        ("soft-delete", None, "SOFT_DELETED"),
        ("shelved_offloaded", None, "SHELVED_OFFLOADED"),
        ("no-such-state", None, "UNKNOWN"),
    ],
)
def test_status_map(vm_state, task_state, status):
    assert driver.status_from_state(vm_state, task_state) == status


def test_boot_takes_the_boot_delay(fake):
    server = Server(id="b00t", name="s", project_id="p", user_id="u", deleted=False)
    server.apply_flavor(SMALL)
    fake.spawn(server, _at(0))
    assert (_status(server, _at(4.9)), server.power_state, server.launched_at) == ("BUILD", 0, None)
    assert (_status(server, _at(5)), server.power_state, server.launched_at) == ("ACTIVE", 1, _at(5))
    assert (server.host, server.node, server.availability_zone) == ("fake-host", "fake-node", "nova")
    assert server.addresses["private"][0]["addr"].startswith("10.")


@pytest.mark.parametrize(
    ("steps", "pending", "final", "power_state"),
    [
        ([("reboot", "SOFT")], "REBOOT", "ACTIVE", 1),
        ([("reboot", "hard")], "HARD_REBOOT", "ACTIVE", 1),
        ([("stop",)], "ACTIVE", "SHUTOFF", 4),
        ([("stop",), ("start",)], "SHUTOFF", "ACTIVE", 1),
        # Nova shows a hard reboot from SHUTOFF as SHUTOFF until it is done.
        ([("stop",), ("reboot", "HARD")], "SHUTOFF", "ACTIVE", 1),
        ([("pause",)], "ACTIVE", "PAUSED", 3),
        ([("pause",), ("unpause",)], "PAUSED", "ACTIVE", 1),
        ([("suspend",)], "ACTIVE", "SUSPENDED", 7),
        ([("suspend",), ("resume",)], "SUSPENDED", "ACTIVE", 1),
    ],
)
def test_transitions(fake, server, steps, pending, final, power_state):
    *earlier, (name, *args) = steps
    for earlier_name, *earlier_args in earlier:
        getattr(fake, earlier_name)(server, *earlier_args, _at(8))
        driver.settle(server, _at(9))
    getattr(fake, name)(server, *args, _at(10))
    assert _status(server, _at(11.9)) == pending
    assert _status(server, _at(12)) == final
    assert server.power_state == power_state
    assert (server.task_state, server.task_due_at) == (None, None)


def test_resize_then_confirm_keeps_the_new_flavor(fake, server):
    fake.resize(server, LARGE, _at(10))
    assert _status(server, _at(11)) == "RESIZE"
    assert _status(server, _at(12)) == "VERIFY_RESIZE"
    assert (server.flavorid, server.vcpus, server.old_flavor, server.new_flavor) == ("4", 4, SMALL, LARGE)
    fake.confirm_resize(server, _at(13))
    assert driver.server_status(server) == "ACTIVE"
    assert (server.flavor, server.memory_mb, server.old_flavor, server.new_flavor) == (LARGE, 8192, None, None)


def test_resize_then_revert_restores_the_old_flavor(fake, server):
    fake.resize(server, LARGE, _at(10))
    driver.settle(server, _at(12))
    fake.revert_resize(server, _at(13))
    assert _status(server, _at(14)) == "REVERT_RESIZE"
    assert _status(server, _at(15)) == "ACTIVE"
    assert (server.flavor, server.flavorid, server.vcpus, server.old_flavor) == (SMALL, "1", 1, None)


def test_a_stopped_server_resizes_back_to_shutoff(fake, server):
    fake.stop(server, _at(10))
    driver.settle(server, _at(12))
    fake.resize(server, LARGE, _at(13))
    assert _status(server, _at(14)) == "RESIZE"
    assert _status(server, _at(15)) == "VERIFY_RESIZE"
    fake.confirm_resize(server, _at(16))
    assert (driver.server_status(server), server.flavorid) == ("SHUTOFF", "4")


def test_delete_works_in_any_state(fake, server):
    fake.reboot(server, "SOFT", _at(10))
    fake.delete(server, _at(11))
    assert driver.server_status(server) == "DELETED"
    assert (server.deleted, server.deleted_at, server.terminated_at) == (True, _at(11), _at(11))
    assert (server.task_state, server.power_state) == (None, 0)
    assert driver.settle(server, _at(100)) is False


@pytest.mark.parametrize(
    ("setup", "action", "message"),
    [
        ([], "start", "Cannot 'start' instance 3f1c while it is in vm_state active"),
        ([], "unpause", "Cannot 'unpause' instance 3f1c while it is in vm_state active"),
        ([], "resume", "Cannot 'resume' instance 3f1c while it is in vm_state active"),
        ([], "confirm_resize", "Cannot 'confirmResize' instance 3f1c while it is in vm_state active"),
        ([], "revert_resize", "Cannot 'revertResize' instance 3f1c while it is in vm_state active"),
        (["stop"], "stop", "Cannot 'stop' instance 3f1c while it is in task_state powering-off"),
        (["stop", "settle"], "stop", "Cannot 'stop' instance 3f1c while it is in vm_state stopped"),
        (["stop", "settle"], "pause", "Cannot 'pause' instance 3f1c while it is in vm_state stopped"),
        (["pause", "settle"], "suspend", "Cannot 'suspend' instance 3f1c while it is in vm_state paused"),
        (["suspend"], "resume", "Cannot 'resume' instance 3f1c while it is in vm_state active"),
    ],
)
def test_invalid_transitions_are_conflicts(fake, server, setup, action, message):
    for step in setup:
        if step == "settle":
            driver.settle(server, _at(50))
        else:
            getattr(fake, step)(server, _at(10))
    before = (server.vm_state, server.task_state, server.task_due_at)
    with pytest.raises(exception.InstanceInvalidState) as caught:
        getattr(fake, action)(server, _at(11))
    assert caught.value.code == 409
    assert caught.value.message == message
    assert (server.vm_state, server.task_state, server.task_due_at) == before


def test_soft_reboot_needs_active_and_no_task(fake, server):
    fake.reboot(server, "SOFT", _at(10))
    with pytest.raises(exception.InstanceInvalidState, match="while it is in task_state rebooting"):
        fake.reboot(server, "SOFT", _at(11))
    fake.reboot(server, "HARD", _at(11))
    assert driver.server_status(server) == "HARD_REBOOT"
    fake.stop(server, _at(20))
    driver.settle(server, _at(30))
    with pytest.raises(exception.InstanceInvalidState, match="in vm_state stopped"):
        fake.reboot(server, "SOFT", _at(31))


def test_building_servers_refuse_actions(fake):
    server = Server(id="new", name="s", project_id="p", user_id="u", deleted=False)
    server.apply_flavor(SMALL)
    fake.spawn(server, _at(0))
    with pytest.raises(exception.InstanceInvalidState) as caught:
        fake.stop(server, _at(1))
    assert caught.value.message == "Cannot 'stop' instance new while it is in vm_state building"
    # Once the boot delay has passed the action settles the server first and is allowed.
    fake.stop(server, _at(6))
    assert server.task_state == "powering-off"


def test_fake_address_is_stable_per_server():
    first = driver.fake_address("abc")
    assert first == driver.fake_address("abc") != driver.fake_address("abd")
    assert first["version"] == 4 and first["OS-EXT-IPS-MAC:mac_addr"].startswith("fa:16:3e:")


def test_settling_never_moves_updated_at_back(fake, server):
    fake.reboot(server, "SOFT", _at(10))
    server.updated_at = _at(15)  # changed after the reboot was due, before anyone settled it
    driver.settle(server, _at(20))
    assert server.updated_at == _at(15)
    fake.stop(server, _at(30))
    driver.settle(server, _at(40))
    assert server.updated_at == _at(32)

"""A fake hypervisor that moves servers through Nova's vm_state/task_state model.

Nothing runs in the background: API workers are stateless and may be many processes.
An action checks that the server's state allows it, sets the ``task_state`` Nova shows
while the work is under way and ``task_due_at``, the time the work is done. Whoever reads
the server after that time calls ``settle(server, now)``, which applies the outcome; the
data-access layer does so on every read, and the result is saved with the transaction.
The pending ``task_state`` alone says what the outcome is (``_OUTCOMES``).

Action names in errors are the API's (``confirmResize``, ``revertResize``, ...), so
``InstanceInvalidState`` reads as Nova's 409 "Cannot 'stop' instance <id> while it is in
vm_state stopped".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from apiframe import exception

if TYPE_CHECKING:
    from apiframe.compute.db.models import Server

# vm_state values (Nova's nova/compute/vm_states.py).
ACTIVE = "active"
BUILDING = "building"
PAUSED = "paused"
SUSPENDED = "suspended"
STOPPED = "stopped"
RESCUED = "rescued"
RESIZED = "resized"
SOFT_DELETED = "soft-delete"
DELETED = "deleted"
ERROR = "error"
SHELVED = "shelved"
SHELVED_OFFLOADED = "shelved_offloaded"

# task_state values this driver uses (Nova's nova/compute/task_states.py).
SCHEDULING = "scheduling"
REBOOTING = "rebooting"
REBOOTING_HARD = "rebooting_hard"
POWERING_OFF = "powering-off"
POWERING_ON = "powering-on"
PAUSING = "pausing"
UNPAUSING = "unpausing"
SUSPENDING = "suspending"
RESUMING = "resuming"
RESIZE_PREP = "resize_prep"
RESIZE_REVERTING = "resize_reverting"

# power_state values (Nova's numbers, shown as OS-EXT-STS:power_state).
POWER_NOSTATE = 0
POWER_RUNNING = 1
POWER_PAUSED = 3
POWER_SHUTDOWN = 4
POWER_CRASHED = 6
POWER_SUSPENDED = 7

DEFAULT = "default"

#: API status per vm_state, refined by task_state; DEFAULT when no task_state entry fits.
STATE_MAP: Mapping[str, Mapping[str, str]] = {
    ACTIVE: {
        DEFAULT: "ACTIVE",
        REBOOTING: "REBOOT",
        "reboot_pending": "REBOOT",
        "reboot_started": "REBOOT",
        REBOOTING_HARD: "HARD_REBOOT",
        "reboot_pending_hard": "HARD_REBOOT",
        "reboot_started_hard": "HARD_REBOOT",
        "updating_password": "PASSWORD",
        "rebuilding": "REBUILD",
        "rebuild_block_device_mapping": "REBUILD",
        "rebuild_spawning": "REBUILD",
        "migrating": "MIGRATING",
        RESIZE_PREP: "RESIZE",
        "resize_migrating": "RESIZE",
        "resize_migrated": "RESIZE",
        "resize_finish": "RESIZE",
    },
    BUILDING: {DEFAULT: "BUILD"},
    STOPPED: {
        DEFAULT: "SHUTOFF",
        RESIZE_PREP: "RESIZE",
        "resize_migrating": "RESIZE",
        "resize_migrated": "RESIZE",
        "resize_finish": "RESIZE",
        "rebuilding": "REBUILD",
        "rebuild_block_device_mapping": "REBUILD",
        "rebuild_spawning": "REBUILD",
    },
    RESIZED: {DEFAULT: "VERIFY_RESIZE", RESIZE_REVERTING: "REVERT_RESIZE"},
    PAUSED: {DEFAULT: "PAUSED", "migrating": "MIGRATING"},
    SUSPENDED: {DEFAULT: "SUSPENDED"},
    RESCUED: {DEFAULT: "RESCUE"},
    ERROR: {
        DEFAULT: "ERROR",
        "rebuilding": "REBUILD",
        "rebuild_block_device_mapping": "REBUILD",
        "rebuild_spawning": "REBUILD",
    },
    DELETED: {DEFAULT: "DELETED"},
    SOFT_DELETED: {DEFAULT: "SOFT_DELETED"},
    SHELVED: {DEFAULT: "SHELVED"},
    SHELVED_OFFLOADED: {DEFAULT: "SHELVED_OFFLOADED"},
}


def status_from_state(vm_state: str, task_state: str | None) -> str:
    """The API ``status`` for a vm_state/task_state pair (``UNKNOWN`` if unmapped)."""
    task_map = STATE_MAP.get(vm_state)
    if task_map is None:
        return "UNKNOWN"
    return task_map.get(task_state or DEFAULT, task_map[DEFAULT])


def server_status(server: Server) -> str:
    """The API ``status`` of ``server``."""
    return status_from_state(server.vm_state, server.task_state)


@dataclasses.dataclass(frozen=True)
class _Rule:
    """Which states an action may start from, and the task_state it leaves pending."""

    vm_states: Collection[str]
    task_states: Collection[str | None] = (None,)
    pending: str | None = None


_RULES: Mapping[str, _Rule] = {
    "reboot_soft": _Rule({ACTIVE}, pending=REBOOTING),
    "reboot_hard": _Rule(
        {ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR}, (None, REBOOTING, REBOOTING_HARD), REBOOTING_HARD
    ),
    "stop": _Rule({ACTIVE, ERROR}, pending=POWERING_OFF),
    "start": _Rule({STOPPED}, pending=POWERING_ON),
    "pause": _Rule({ACTIVE}, pending=PAUSING),
    "unpause": _Rule({PAUSED}, pending=UNPAUSING),
    "suspend": _Rule({ACTIVE}, pending=SUSPENDING),
    "resume": _Rule({SUSPENDED}, pending=RESUMING),
    "resize": _Rule({ACTIVE, STOPPED}, pending=RESIZE_PREP),
    "confirmResize": _Rule({RESIZED}),
    "revertResize": _Rule({RESIZED}, pending=RESIZE_REVERTING),
}


def _vm_state_before_resize(server: Server) -> str:
    # A stopped server stays powered off through a resize and returns to stopped.
    return STOPPED if server.power_state == POWER_SHUTDOWN else ACTIVE


def _finish_build(server: Server) -> None:
    server.vm_state, server.power_state = ACTIVE, POWER_RUNNING
    server.launched_at = server.task_due_at


def _finish_resize(server: Server) -> None:
    server.vm_state = RESIZED
    server.apply_flavor(server.new_flavor)


def _finish_revert(server: Server) -> None:
    server.vm_state = _vm_state_before_resize(server)
    server.apply_flavor(server.old_flavor)
    server.old_flavor = server.new_flavor = None


def _becomes(vm_state: str, power_state: int) -> Callable[[Server], None]:
    def outcome(server: Server) -> None:
        server.vm_state, server.power_state = vm_state, power_state

    return outcome


#: What completing each pending task_state does to the server.
_OUTCOMES: Mapping[str, Callable[[Server], None]] = {
    SCHEDULING: _finish_build,
    REBOOTING: _becomes(ACTIVE, POWER_RUNNING),
    REBOOTING_HARD: _becomes(ACTIVE, POWER_RUNNING),
    POWERING_OFF: _becomes(STOPPED, POWER_SHUTDOWN),
    POWERING_ON: _becomes(ACTIVE, POWER_RUNNING),
    PAUSING: _becomes(PAUSED, POWER_PAUSED),
    UNPAUSING: _becomes(ACTIVE, POWER_RUNNING),
    SUSPENDING: _becomes(SUSPENDED, POWER_SUSPENDED),
    RESUMING: _becomes(ACTIVE, POWER_RUNNING),
    RESIZE_PREP: _finish_resize,
    RESIZE_REVERTING: _finish_revert,
}


def settle(server: Server, now: dt.datetime) -> bool:
    """Complete the server's pending task if it is due by ``now``; True if it changed.

    ``updated_at`` becomes the time the task was due (unless something later changed the
    server), so that ``changes-since`` sees the change when it happened rather than when
    somebody looked.
    """
    due = server.task_due_at
    if due is None or due > now or server.deleted:
        return False
    outcome = _OUTCOMES.get(server.task_state or "")
    if outcome is not None:
        outcome(server)
    server.task_state = None
    server.updated_at = max(due, server.updated_at or due)
    server.task_due_at = None
    return True


class FakeDriver:
    """Performs server actions on the database row, as a real hypervisor would report them.

    ``boot_delay`` is how many seconds a server stays in BUILD; ``action_delay`` how long
    the other pending states (REBOOT, RESIZE, powering off...) last. Zero means the next
    read already sees the outcome. ``host``, ``node`` and ``availability_zone`` are what
    spawned servers report.
    """

    def __init__(
        self,
        *,
        boot_delay: float = 0.0,
        action_delay: float = 0.0,
        host: str = "fake-host",
        node: str = "fake-node",
        availability_zone: str = "nova",
        network: str = "private",
    ) -> None:
        self.boot_delay = dt.timedelta(seconds=boot_delay)
        self.action_delay = dt.timedelta(seconds=action_delay)
        self.host = host
        self.node = node
        self.availability_zone = availability_zone
        self.network = network

    def spawn(self, server: Server, now: dt.datetime) -> None:
        """Start building a new server: BUILD now, ACTIVE after ``boot_delay``."""
        server.vm_state, server.task_state, server.power_state = BUILDING, SCHEDULING, POWER_NOSTATE
        server.task_due_at = now + self.boot_delay
        server.host, server.node = self.host, self.node
        server.availability_zone = server.availability_zone or self.availability_zone
        server.addresses = {self.network: [fake_address(server.id)]}
        server.updated_at = now

    def reboot(self, server: Server, reboot_type: str, now: dt.datetime) -> None:
        """Reboot SOFT (ACTIVE only) or HARD (also from SHUTOFF, PAUSED, SUSPENDED, ERROR)."""
        hard = reboot_type.upper() == "HARD"
        self._begin(server, "reboot", "reboot_hard" if hard else "reboot_soft", now)

    def stop(self, server: Server, now: dt.datetime) -> None:
        """Power off: SHUTOFF after ``action_delay``."""
        self._begin(server, "stop", "stop", now)

    def start(self, server: Server, now: dt.datetime) -> None:
        """Power on a SHUTOFF server."""
        self._begin(server, "start", "start", now)

    def pause(self, server: Server, now: dt.datetime) -> None:
        """Pause an ACTIVE server."""
        self._begin(server, "pause", "pause", now)

    def unpause(self, server: Server, now: dt.datetime) -> None:
        """Unpause a PAUSED server."""
        self._begin(server, "unpause", "unpause", now)

    def suspend(self, server: Server, now: dt.datetime) -> None:
        """Suspend an ACTIVE server."""
        self._begin(server, "suspend", "suspend", now)

    def resume(self, server: Server, now: dt.datetime) -> None:
        """Resume a SUSPENDED server."""
        self._begin(server, "resume", "resume", now)

    def resize(self, server: Server, new_flavor: dict[str, Any], now: dt.datetime) -> None:
        """Resize to ``new_flavor`` (a flavor snapshot): RESIZE, then VERIFY_RESIZE."""
        self._begin(server, "resize", "resize", now)
        server.old_flavor, server.new_flavor = server.flavor, new_flavor

    def confirm_resize(self, server: Server, now: dt.datetime) -> None:
        """Keep the new flavor; the server is back to ACTIVE (or SHUTOFF) at once."""
        self._begin(server, "confirmResize", "confirmResize", now)
        server.vm_state = _vm_state_before_resize(server)
        server.old_flavor = server.new_flavor = None

    def revert_resize(self, server: Server, now: dt.datetime) -> None:
        """Go back to the old flavor: REVERT_RESIZE, then ACTIVE (or SHUTOFF)."""
        self._begin(server, "revertResize", "revertResize", now)

    def delete(self, server: Server, now: dt.datetime) -> None:
        """Destroy the server and soft-delete its row; allowed in every state."""
        server.vm_state, server.task_state, server.power_state = DELETED, None, POWER_NOSTATE
        server.task_due_at = None
        server.terminated_at = server.deleted_at = server.updated_at = now
        server.deleted = True

    def _begin(self, server: Server, action: str, rule_name: str, now: dt.datetime) -> None:
        settle(server, now)
        rule = _RULES[rule_name]
        if server.vm_state not in rule.vm_states:
            raise exception.InstanceInvalidState(action, server.id, "vm_state", server.vm_state)
        if server.task_state not in rule.task_states:
            raise exception.InstanceInvalidState(action, server.id, "task_state", str(server.task_state))
        server.task_state = rule.pending
        server.task_due_at = now + self.action_delay if rule.pending else None
        server.updated_at = now


def fake_address(server_id: str) -> dict[str, Any]:
    """A fixed IPv4 address and MAC derived from the server id, in Nova's address shape."""
    digest = hashlib.sha256(server_id.encode()).digest()
    return {
        "version": 4,
        "addr": f"10.{digest[0]}.{digest[1]}.{digest[2] % 253 + 2}",
        "OS-EXT-IPS:type": "fixed",
        "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:" + ":".join(f"{b:02x}" for b in digest[3:6]),
    }

"""Rules of the lock and unlock actions."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import ADMIN, PROJECT_MEMBER_OR_ADMIN

LOCK = "os_compute_api:os-lock-server:lock"
UNLOCK = "os_compute_api:os-lock-server:unlock"
UNLOCK_OVERRIDE = "os_compute_api:os-lock-server:unlock:unlock_override"

_ACTION = [("POST", "/servers/{server_id}/action")]


def list_rules():
    """The rules of the lock-server plugin."""
    return [
        rule(LOCK, PROJECT_MEMBER_OR_ADMIN, "Lock a server (lock action)", _ACTION),
        rule(UNLOCK, PROJECT_MEMBER_OR_ADMIN, "Unlock a server (unlock action)", _ACTION),
        rule(UNLOCK_OVERRIDE, ADMIN, "Unlock a server that an administrator locked", _ACTION),
    ]

"""Rules of the pause and unpause actions."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN

PAUSE = "os_compute_api:os-pause-server:pause"
UNPAUSE = "os_compute_api:os-pause-server:unpause"

_ACTION = [("POST", "/servers/{server_id}/action")]


def list_rules():
    """The rules of the pause-server plugin."""
    return [
        rule(PAUSE, PROJECT_MEMBER_OR_ADMIN, "Pause a server (pause action)", _ACTION),
        rule(UNPAUSE, PROJECT_MEMBER_OR_ADMIN, "Unpause a server (unpause action)", _ACTION),
    ]

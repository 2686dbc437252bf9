"""Rules of the suspend and resume actions."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN

SUSPEND = "os_compute_api:os-suspend-server:suspend"
RESUME = "os_compute_api:os-suspend-server:resume"

_ACTION = [("POST", "/servers/{server_id}/action")]


def list_rules():
    """The rules of the suspend-server plugin."""
    return [
        rule(SUSPEND, PROJECT_MEMBER_OR_ADMIN, "Suspend a server (suspend action)", _ACTION),
        rule(RESUME, PROJECT_MEMBER_OR_ADMIN, "Resume a server (resume action)", _ACTION),
    ]

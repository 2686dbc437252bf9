"""Rules of limits."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import ADMIN, ANYONE

LIMITS = "os_compute_api:limits"
OTHER_PROJECT = "os_compute_api:limits:other_project"


def list_rules():
    """The rules of the limits plugin."""
    return [
        rule(LIMITS, ANYONE, "Show rate and absolute limits of the caller's project",
             [("GET", "/limits")]),
        rule(OTHER_PROJECT, ADMIN, "Show the limits of another project (?tenant_id=)",
             [("GET", "/limits")]),
    ]

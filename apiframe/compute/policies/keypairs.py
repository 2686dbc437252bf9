"""Rules of keypairs: users manage their own, administrators anyone's."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import ADMIN

KEYPAIRS = "os_compute_api:os-keypairs:%s"
INDEX = KEYPAIRS % "index"
CREATE = KEYPAIRS % "create"
SHOW = KEYPAIRS % "show"
DELETE = KEYPAIRS % "delete"

_OWNER_OR_ADMIN = f"({ADMIN}) or user_id:%(user_id)s"


def list_rules():
    """The rules of the keypairs plugin."""
    return [
        rule(INDEX, _OWNER_OR_ADMIN, "List keypairs", [("GET", "/os-keypairs")]),
        rule(CREATE, _OWNER_OR_ADMIN, "Create or import a keypair", [("POST", "/os-keypairs")]),
        rule(SHOW, _OWNER_OR_ADMIN, "Show a keypair", [("GET", "/os-keypairs/{keypair_name}")]),
        rule(DELETE, _OWNER_OR_ADMIN, "Delete a keypair", [("DELETE", "/os-keypairs/{keypair_name}")]),
    ]

"""Rules of server metadata."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN

METADATA = "os_compute_api:server-metadata:%s"
INDEX = METADATA % "index"
SHOW = METADATA % "show"
CREATE = METADATA % "create"
UPDATE_ALL = METADATA % "update_all"
UPDATE = METADATA % "update"
DELETE = METADATA % "delete"

_ALL = "/servers/{server_id}/metadata"
_ONE = "/servers/{server_id}/metadata/{key}"


def list_rules():
    """The rules of the server-metadata plugin."""
    return [
        rule(INDEX, PROJECT_READER_OR_ADMIN, "List a server's metadata", [("GET", _ALL)]),
        rule(SHOW, PROJECT_READER_OR_ADMIN, "Show one metadata item", [("GET", _ONE)]),
        rule(CREATE, PROJECT_MEMBER_OR_ADMIN, "Add or change metadata items", [("POST", _ALL)]),
        rule(UPDATE_ALL, PROJECT_MEMBER_OR_ADMIN, "Replace all metadata", [("PUT", _ALL)]),
        rule(UPDATE, PROJECT_MEMBER_OR_ADMIN, "Set one metadata item", [("PUT", _ONE)]),
        rule(DELETE, PROJECT_MEMBER_OR_ADMIN, "Delete one metadata item", [("DELETE", _ONE)]),
    ]

"""Rules of server tags."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN

TAGS = "os_compute_api:os-server-tags:%s"
INDEX = TAGS % "index"
SHOW = TAGS % "show"
UPDATE = TAGS % "update"
UPDATE_ALL = TAGS % "update_all"
DELETE = TAGS % "delete"
DELETE_ALL = TAGS % "delete_all"

_ALL = "/servers/{server_id}/tags"
_ONE = "/servers/{server_id}/tags/{tag}"


def list_rules():
    """The rules of the server-tags plugin."""
    return [
        rule(INDEX, PROJECT_READER_OR_ADMIN, "List a server's tags", [("GET", _ALL)]),
        rule(SHOW, PROJECT_READER_OR_ADMIN, "Check a tag", [("GET", _ONE)]),
        rule(UPDATE, PROJECT_MEMBER_OR_ADMIN, "Add a tag", [("PUT", _ONE)]),
        rule(UPDATE_ALL, PROJECT_MEMBER_OR_ADMIN, "Replace all tags", [("PUT", _ALL)]),
        rule(DELETE, PROJECT_MEMBER_OR_ADMIN, "Delete a tag", [("DELETE", _ONE)]),
        rule(DELETE_ALL, PROJECT_MEMBER_OR_ADMIN, "Delete all tags", [("DELETE", _ALL)]),
    ]

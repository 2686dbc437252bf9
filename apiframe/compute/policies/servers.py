"""Rules of the servers resource and its actions."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import ADMIN, PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN

SERVERS = "os_compute_api:servers:%s"
INDEX = SERVERS % "index"
DETAIL = SERVERS % "detail"
INDEX_ALL_TENANTS = SERVERS % "index:get_all_tenants"
DETAIL_ALL_TENANTS = SERVERS % "detail:get_all_tenants"
ALLOW_ALL_FILTERS = SERVERS % "allow_all_filters"
SHOW = SERVERS % "show"
SHOW_HOST_STATUS = SERVERS % "show:host_status"
SHOW_HOST_STATUS_UNKNOWN_ONLY = SERVERS % "show:host_status:unknown-only"
SHOW_FLAVOR_EXTRA_SPECS = SERVERS % "show:flavor-extra-specs"
CREATE = SERVERS % "create"
UPDATE = SERVERS % "update"
DELETE = SERVERS % "delete"
REBOOT = SERVERS % "reboot"
RESIZE = SERVERS % "resize"
CONFIRM_RESIZE = SERVERS % "confirm_resize"
REVERT_RESIZE = SERVERS % "revert_resize"
START = SERVERS % "start"
STOP = SERVERS % "stop"
CREATE_IMAGE = SERVERS % "create_image"
EXTENDED_ATTRIBUTES = "os_compute_api:os-extended-server-attributes"

_ACTION = "/servers/{server_id}/action"


def list_rules():
    """The rules of the servers plugin."""
    return [
        rule(INDEX, PROJECT_READER_OR_ADMIN, "List servers", [("GET", "/servers")]),
        rule(DETAIL, PROJECT_READER_OR_ADMIN, "List servers with details", [("GET", "/servers/detail")]),
        rule(INDEX_ALL_TENANTS, ADMIN, "List servers of all projects", [("GET", "/servers")]),
        rule(DETAIL_ALL_TENANTS, ADMIN, "List servers of all projects with details",
             [("GET", "/servers/detail")]),
        rule(ALLOW_ALL_FILTERS, ADMIN, "Use every server list filter",
             [("GET", "/servers"), ("GET", "/servers/detail")]),
        rule(SHOW, PROJECT_READER_OR_ADMIN, "Show a server", [("GET", "/servers/{server_id}")]),
        rule(SHOW_HOST_STATUS, ADMIN, "Show host_status in server responses",
             [("GET", "/servers/{server_id}"), ("GET", "/servers/detail")]),
        rule(SHOW_HOST_STATUS_UNKNOWN_ONLY, ADMIN, "Show host_status in server responses only when it is "
             "UNKNOWN", [("GET", "/servers/{server_id}"), ("GET", "/servers/detail")]),
        rule(SHOW_FLAVOR_EXTRA_SPECS, PROJECT_READER_OR_ADMIN, "Show the flavor's extra specs in server "
             "responses (2.47+)", [("GET", "/servers/{server_id}"), ("GET", "/servers/detail")]),
        rule(EXTENDED_ATTRIBUTES, ADMIN, "Show the OS-EXT-SRV-ATTR attributes of servers",
             [("GET", "/servers/{server_id}"), ("GET", "/servers/detail")]),
        rule(CREATE, PROJECT_MEMBER_OR_ADMIN, "Create a server", [("POST", "/servers")]),
        rule(UPDATE, PROJECT_MEMBER_OR_ADMIN, "Update a server", [("PUT", "/servers/{server_id}")]),
        rule(DELETE, PROJECT_MEMBER_OR_ADMIN, "Delete a server", [("DELETE", "/servers/{server_id}")]),
        rule(REBOOT, PROJECT_MEMBER_OR_ADMIN, "Reboot a server (reboot action)", [("POST", _ACTION)]),
        rule(RESIZE, PROJECT_MEMBER_OR_ADMIN, "Resize a server (resize action)", [("POST", _ACTION)]),
        rule(CONFIRM_RESIZE, PROJECT_MEMBER_OR_ADMIN, "Confirm a resize (confirmResize action)",
             [("POST", _ACTION)]),
        rule(REVERT_RESIZE, PROJECT_MEMBER_OR_ADMIN, "Revert a resize (revertResize action)",
             [("POST", _ACTION)]),
        rule(START, PROJECT_MEMBER_OR_ADMIN, "Start a server (os-start action)", [("POST", _ACTION)]),
        rule(STOP, PROJECT_MEMBER_OR_ADMIN, "Stop a server (os-stop action)", [("POST", _ACTION)]),
        rule(CREATE_IMAGE, PROJECT_MEMBER_OR_ADMIN, "Snapshot a server (createImage action)",
             [("POST", _ACTION)]),
    ]

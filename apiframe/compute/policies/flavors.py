"""Rules of flavors, flavor management, extra specs and flavor access."""

from apiframe.compute.policies import rule
from apiframe.policy_rules import ADMIN, ANYONE, PROJECT_READER_OR_ADMIN

INDEX = "os_compute_api:flavors:index"
SHOW = "os_compute_api:flavors:show"
MANAGE = "os_compute_api:os-flavor-manage:%s"
CREATE = MANAGE % "create"
UPDATE = MANAGE % "update"
DELETE = MANAGE % "delete"
EXTRA_SPECS = "os_compute_api:os-flavor-extra-specs:%s"
EXTRA_SPECS_INDEX = EXTRA_SPECS % "index"
EXTRA_SPECS_SHOW = EXTRA_SPECS % "show"
EXTRA_SPECS_CREATE = EXTRA_SPECS % "create"
EXTRA_SPECS_UPDATE = EXTRA_SPECS % "update"
EXTRA_SPECS_DELETE = EXTRA_SPECS % "delete"
ACCESS = "os_compute_api:os-flavor-access"
ACCESS_ADD = ACCESS + ":add_tenant_access"
ACCESS_REMOVE = ACCESS + ":remove_tenant_access"

_FLAVOR = "/flavors/{flavor_id}"
_SPECS = _FLAVOR + "/os-extra_specs"
_SPEC = _SPECS + "/{flavor_extra_spec_key}"
_ACTION = [("POST", _FLAVOR + "/action")]


def list_rules():
    """The rules of the flavors plugin."""
    return [
        rule(INDEX, ANYONE, "List flavors", [("GET", "/flavors"), ("GET", "/flavors/detail")]),
        rule(SHOW, ANYONE, "Show a flavor", [("GET", _FLAVOR)]),
        rule(CREATE, ADMIN, "Create a flavor", [("POST", "/flavors")]),
        rule(UPDATE, ADMIN, "Update a flavor's description", [("PUT", _FLAVOR)]),
        rule(DELETE, ADMIN, "Delete a flavor", [("DELETE", _FLAVOR)]),
    ]


def list_extra_spec_rules():
    """The rules of the flavor extra specs plugin."""
    return [
        rule(EXTRA_SPECS_INDEX, PROJECT_READER_OR_ADMIN, "List a flavor's extra specs (and see them "
             "in flavor and server responses)", [("GET", _SPECS)]),
        rule(EXTRA_SPECS_SHOW, PROJECT_READER_OR_ADMIN, "Show one extra spec", [("GET", _SPEC)]),
        rule(EXTRA_SPECS_CREATE, ADMIN, "Create extra specs", [("POST", _SPECS)]),
        rule(EXTRA_SPECS_UPDATE, ADMIN, "Update one extra spec", [("PUT", _SPEC)]),
        rule(EXTRA_SPECS_DELETE, ADMIN, "Delete one extra spec", [("DELETE", _SPEC)]),
    ]


def list_access_rules():
    """The rules of the flavor access plugin."""
    return [
        rule(ACCESS, ADMIN, "List the projects that may use a private flavor",
             [("GET", _FLAVOR + "/os-flavor-access")]),
        rule(ACCESS_ADD, ADMIN, "Give a project access to a flavor (addTenantAccess)", _ACTION),
        rule(ACCESS_REMOVE, ADMIN, "Take a project's access away (removeTenantAccess)", _ACTION),
    ]

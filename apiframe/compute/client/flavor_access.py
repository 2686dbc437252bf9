"""``conn.compute`` calls of the flavor-access plugin: who may use a private flavor."""

from __future__ import annotations

from typing import Any

from apiframe.client import URI, Action, Body, Param, Resource
from apiframe.compute.client.flavors import Flavor

ADD_TENANT_ACCESS = Action("addTenantAccess", resource=Flavor, tenant=Param("tenant", str, required=True))
REMOVE_TENANT_ACCESS = Action("removeTenantAccess", resource=Flavor, tenant=Param("tenant", str, required=True))


class FlavorAccess(Resource):
    """One project's access to a private flavor."""

    base_path = "/flavors/{flavor_id}/os-flavor-access"
    resources_key = "flavor_access"
    allow_list = True

    flavor_id = Body("flavor_id", str)
    project_id = Body("tenant_id", str)
    parent_id = URI("flavor_id")


def _flavor_id(flavor: Flavor | str) -> Any:
    return flavor.identity if isinstance(flavor, Flavor) else flavor


class FlavorAccessMethods:
    """List, grant and revoke projects' access to a flavor."""

    extends = "compute"
    resources = (FlavorAccess,)
    actions = (ADD_TENANT_ACCESS, REMOVE_TENANT_ACCESS)

    def flavor_access(self, flavor: Flavor | str) -> list[FlavorAccess]:
        """The projects that may use a private flavor."""
        return list(self._list(FlavorAccess, uri={"flavor_id": _flavor_id(flavor)}))

    def _access(self, action: Action, flavor: Flavor | str, project_id: str) -> list[FlavorAccess]:
        body = self.act(action, flavor, project_id)
        uri = {"flavor_id": _flavor_id(flavor)}
        return [FlavorAccess(entry, microversion=self._version, uri=uri) for entry in body["flavor_access"]]

    def flavor_add_tenant_access(self, flavor: Flavor | str, project_id: str) -> list[FlavorAccess]:
        """Let a project use a private flavor; returns the flavor's access list."""
        return self._access(ADD_TENANT_ACCESS, flavor, project_id)

    def flavor_remove_tenant_access(self, flavor: Flavor | str, project_id: str) -> list[FlavorAccess]:
        """Stop a project from using a private flavor; returns the flavor's access list."""
        return self._access(REMOVE_TENANT_ACCESS, flavor, project_id)

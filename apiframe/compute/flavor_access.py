"""Flavor access: which projects may use a private flavor."""

from __future__ import annotations

from typing import Any

from apiframe import wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import flavors as policies
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.compute.views import flavors as views
from apiframe.extensions import ControllerExtension, Parent, ResourceSpec
from apiframe.schemas import flavor_access as schemas
from apiframe.validation import query_schema, response_schema, schema


class _FlavorAccess(wsgi.Controller):
    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def database(self):
        """The application's database."""
        return compute_services(self.context).database


class FlavorAccessController(_FlavorAccess):
    """``GET /flavors/{flavor_id}/os-flavor-access``."""

    @wsgi.policy(policies.ACCESS)
    @wsgi.expected_errors(404)
    @query_schema(schemas.index_query)
    @response_schema(schemas.index_response)
    def index(self, req: wsgi.Request, flavor_id: str) -> dict[str, Any]:
        """The projects with access to a private flavor (404 for public ones)."""
        with self.database.transaction() as session:
            return views.access_list(flavor_id, db.flavor_access_list(db.flavor_get(session, flavor_id)))


class FlavorActionController(_FlavorAccess):
    """The ``addTenantAccess`` and ``removeTenantAccess`` actions on flavors."""

    @wsgi.policy(policies.ACCESS_ADD)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action("addTenantAccess")
    @schema(schemas.add_tenant_access)
    @response_schema(schemas.add_tenant_access_response)
    def _add_tenant_access(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> dict[str, Any]:
        with self.database.transaction() as session:
            projects = db.flavor_access_add(session, db.flavor_get(session, id), body["addTenantAccess"]["tenant"])
            return views.access_list(id, projects)

    @wsgi.policy(policies.ACCESS_REMOVE)
    @wsgi.expected_errors((400, 403, 404))
    @wsgi.action("removeTenantAccess")
    @schema(schemas.remove_tenant_access)
    @response_schema(schemas.remove_tenant_access_response)
    def _remove_tenant_access(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> dict[str, Any]:
        with self.database.transaction() as session:
            projects = db.flavor_access_remove(session, db.flavor_get(session, id),
                                               body["removeTenantAccess"]["tenant"])
            return views.access_list(id, projects)


class FlavorAccess(ComputePlugin):
    """Flavor access lists for private flavors."""

    name = "FlavorAccess"
    alias = "os-flavor-access"
    requires = ("flavors",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/flavors/{flavor_id}/os-flavor-access``."""
        return [ResourceSpec("os-flavor-access", FlavorAccessController(self.context),
                             parent=Parent("flavors", "flavor"))]

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """The access actions on ``/flavors/{id}/action``."""
        return [ControllerExtension("flavors", FlavorActionController(self.context))]

    def get_policies(self) -> list:
        """The flavor access rules."""
        return policies.list_access_rules()

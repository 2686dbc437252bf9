"""Flavor extra specs: ``/flavors/{flavor_id}/os-extra_specs[/{key}]``."""

from __future__ import annotations

from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import flavors as policies
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.extensions import Parent, ResourceSpec
from apiframe.schemas import flavor_extra_specs as schemas
from apiframe.validation import query_schema, response_schema, schema


def _as_strings(specs: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in specs.items()}


class ExtraSpecsController(wsgi.Controller):
    """Key-value properties of a flavor, read by anyone who may use it, written by admins."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def database(self):
        """The application's database."""
        return compute_services(self.context).database

    @staticmethod
    def _flavor(req: wsgi.Request, session: Any, flavor_id: str) -> Any:
        return db.flavor_get(session, flavor_id,
                             project_id=None if req.context.is_admin else req.context.project_id)

    @wsgi.policy(policies.EXTRA_SPECS_INDEX)
    @wsgi.expected_errors(404)
    @query_schema(schemas.index_query)
    @response_schema(schemas.index_response)
    def index(self, req: wsgi.Request, flavor_id: str) -> dict[str, Any]:
        """All extra specs of a flavor."""
        with self.database.transaction() as session:
            return {"extra_specs": self._flavor(req, session, flavor_id).extra_specs}

    @wsgi.policy(policies.EXTRA_SPECS_CREATE)
    @wsgi.expected_errors((400, 404, 409))
    @schema(schemas.create)
    @response_schema(schemas.create_response)
    def create(self, req: wsgi.Request, flavor_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Add or overwrite extra specs; answers with the ones sent."""
        specs = _as_strings(body["extra_specs"])
        with self.database.transaction() as session:
            db.flavor_extra_specs_update(session, self._flavor(req, session, flavor_id), specs, db.utcnow())
        return {"extra_specs": specs}

    @wsgi.policy(policies.EXTRA_SPECS_UPDATE)
    @wsgi.expected_errors((400, 404, 409))
    @schema(schemas.update)
    @response_schema(schemas.update_response)
    def update(self, req: wsgi.Request, flavor_id: str, id: str, body: dict[str, Any]) -> dict[str, str]:
        """Set one extra spec; the body's only key must be the one in the URL."""
        if id not in body:
            raise exception.BadRequest("Request body and URI mismatch")
        specs = _as_strings(body)
        with self.database.transaction() as session:
            db.flavor_extra_specs_update(session, self._flavor(req, session, flavor_id), specs, db.utcnow())
        return specs

    @wsgi.policy(policies.EXTRA_SPECS_SHOW)
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    @response_schema(schemas.show_response)
    def show(self, req: wsgi.Request, flavor_id: str, id: str) -> dict[str, str]:
        """One extra spec as ``{key: value}``."""
        with self.database.transaction() as session:
            return {id: db.flavor_extra_spec_get(self._flavor(req, session, flavor_id), id)}

    @wsgi.policy(policies.EXTRA_SPECS_DELETE)
    @wsgi.expected_errors(404)
    @response_schema(schemas.delete_response)
    def delete(self, req: wsgi.Request, flavor_id: str, id: str) -> None:
        """Remove one extra spec (200, no body, as the compute API answers)."""
        with self.database.transaction() as session:
            db.flavor_extra_spec_delete(session, self._flavor(req, session, flavor_id), id, db.utcnow())


class FlavorExtraSpecs(ComputePlugin):
    """Flavor extra specs."""

    name = "FlavorExtraSpecs"
    alias = "os-flavor-extra-specs"
    requires = ("flavors",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/flavors/{flavor_id}/os-extra_specs``."""
        return [ResourceSpec("os-extra_specs", ExtraSpecsController(self.context),
                             parent=Parent("flavors", "flavor"))]

    def get_policies(self) -> list:
        """The extra spec rules (the index rule also gates extra specs in flavor and server views)."""
        return policies.list_extra_spec_rules()

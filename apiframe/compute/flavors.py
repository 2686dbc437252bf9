"""Flavors: list, detail and show for everyone; create, update (2.55) and delete for admins."""

from __future__ import annotations

from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.common import is_true, pagination, query_value, stored_int
from apiframe.compute.db import api as db
from apiframe.compute.policies import flavors as policies
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.compute.views import flavors as views
from apiframe.extensions import ResourceSpec
from apiframe.schemas import flavors as schemas
from apiframe.validation import query_schema, response_schema, schema


def _response_schemas(name: str):
    """The four response schema decorators of a full-flavor answer (2.1, 2.55, 2.61, 2.75)."""
    steps = [("", "2.1", "2.54"), ("_v255", "2.55", "2.60"), ("_v261", "2.61", "2.74"), ("_v275", "2.75", None)]

    def decorate(func):
        for suffix, low, high in steps:
            func = response_schema(getattr(schemas, name + suffix), low, high)(func)
        return func
    return decorate


class FlavorsController(wsgi.Controller):
    """Flavors are global; private ones are visible to the projects on their access list."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def services(self):
        """The application's compute services."""
        return compute_services(self.context)

    def _list(self, req: wsgi.Request, session: Any) -> tuple[list[Any], int]:
        limit, marker = pagination(req, self.services.max_limit)
        admin = req.context.is_admin
        is_public: bool | None = True
        requested = query_value(req, "is_public")
        if admin and requested is not None:
            is_public = None if requested.lower() == "none" else is_true(requested)
        try:
            min_ram = query_value(req, "minRam")
            min_disk = query_value(req, "minDisk")
            min_ram = stored_int(min_ram) if min_ram is not None else None
            min_disk = stored_int(min_disk) if min_disk is not None else None
        except ValueError:
            raise exception.BadRequest("Invalid minRam or minDisk filter.") from None
        flavors = db.flavor_list(
            session, is_public=is_public, project_id=None if admin else req.context.project_id,
            min_memory_mb=min_ram, min_root_gb=min_disk,
            sort_key=query_value(req, "sort_key", "flavorid"), sort_dir=query_value(req, "sort_dir", "asc"),
            limit=limit, marker=marker)
        return flavors, limit

    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors(400)
    @query_schema(schemas.index_query, "2.1", "2.74")
    @query_schema(schemas.index_query_v275, "2.75")
    @response_schema(schemas.index_response, "2.1", "2.54")
    @response_schema(schemas.index_response_v255, "2.55")
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /flavors``."""
        with self.services.database.transaction() as session:
            flavors, limit = self._list(req, session)
            return views.index(req, flavors, limit)

    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors(400)
    @query_schema(schemas.index_query, "2.1", "2.74")
    @query_schema(schemas.index_query_v275, "2.75")
    @response_schema(schemas.detail_response, "2.1", "2.54")
    @response_schema(schemas.detail_response_v255, "2.55", "2.60")
    @response_schema(schemas.detail_response_v261, "2.61", "2.74")
    @response_schema(schemas.detail_response_v275, "2.75")
    def detail(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /flavors/detail``."""
        with self.services.database.transaction() as session:
            flavors, limit = self._list(req, session)
            specs = {flavor.flavorid: flavor.extra_specs for flavor in flavors}
            return views.detail(req, flavors, limit, specs)

    def _get(self, req: wsgi.Request, session: Any, flavor_id: str) -> Any:
        project_id = None if req.context.is_admin else req.context.project_id
        return db.flavor_get(session, flavor_id, project_id=project_id)

    @wsgi.policy(policies.SHOW)
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    @_response_schemas("show_response")
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """``GET /flavors/{id}``."""
        with self.services.database.transaction() as session:
            flavor = self._get(req, session, id)
            return views.show(req, flavor, flavor.extra_specs)

    @wsgi.policy(policies.CREATE)
    @wsgi.expected_errors((400, 409))
    @schema(schemas.create, "2.1", "2.54")
    @schema(schemas.create_v255, "2.55")
    @_response_schemas("create_response")
    def create(self, req: wsgi.Request, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /flavors`` (admin): answers 200 with the new flavor, as the compute API does."""
        data = body["flavor"]
        flavor_id = data.get("id")
        with self.services.database.transaction() as session:
            flavor = db.flavor_create(
                session, db.utcnow(), name=data["name"].strip(), memory_mb=stored_int(data["ram"]),
                vcpus=stored_int(data["vcpus"]), root_gb=stored_int(data["disk"]),
                flavorid=None if flavor_id is None else str(flavor_id),
                ephemeral_gb=stored_int(data.get("OS-FLV-EXT-DATA:ephemeral", 0)),
                swap=stored_int(data.get("swap", 0)),
                rxtx_factor=float(data.get("rxtx_factor", 1.0)),
                is_public=is_true(data.get("os-flavor-access:is_public", True)),
                description=data.get("description"))
            return views.show(req, flavor, {})

    @wsgi.api_version("2.55")
    @wsgi.policy(policies.UPDATE)
    @wsgi.expected_errors((400, 404))
    @schema(schemas.update)
    @response_schema(schemas.update_response, "2.55", "2.60")
    @response_schema(schemas.update_response_v261, "2.61", "2.74")
    @response_schema(schemas.update_response_v275, "2.75")
    def update(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> dict[str, Any]:
        """``PUT /flavors/{id}`` (admin, 2.55+): change the description."""
        with self.services.database.transaction() as session:
            flavor = db.flavor_update(session, self._get(req, session, id), db.utcnow(),
                                      description=body["flavor"]["description"])
            return views.show(req, flavor, flavor.extra_specs)

    @wsgi.policy(policies.DELETE)
    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @response_schema(schemas.delete_response)
    def delete(self, req: wsgi.Request, id: str) -> None:
        """``DELETE /flavors/{id}`` (admin); servers keep their copy of the flavor."""
        with self.services.database.transaction() as session:
            db.flavor_delete(session, self._get(req, session, id))


class Flavors(ComputePlugin):
    """Flavors: the sizes servers are built with, and their management by admins."""

    name = "Flavors"
    alias = "flavors"

    def get_resources(self) -> list[ResourceSpec]:
        """``/flavors`` and ``/flavors/detail``."""
        return [ResourceSpec("flavors", FlavorsController(self.context), collection_actions={"detail": "GET"})]

    def get_policies(self) -> list:
        """The flavor and flavor-manage rules."""
        return policies.list_rules()

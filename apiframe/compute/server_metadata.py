"""Server metadata: ``/servers/{server_id}/metadata[/{key}]``, limited by the metadata quota."""

from __future__ import annotations

from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import server_metadata as policies
from apiframe.compute.server_access import check_unlocked, get_server
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.extensions import Parent, ResourceSpec
from apiframe.schemas import server_metadata as schemas
from apiframe.validation import query_schema, response_schema, schema


class ServerMetadataController(wsgi.Controller):
    """Key-value metadata of a server."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def _read(self, req: wsgi.Request, server_id: str) -> dict[str, str]:
        with compute_services(self.context).database.transaction() as session:
            return get_server(req, session, server_id).metadata_dict

    def _write(self, req: wsgi.Request, server_id: str, items: dict[str, str], *, replace: bool) -> dict[str, str]:
        services = compute_services(self.context)
        with services.database.transaction() as session:
            server = get_server(req, session, server_id, lock=True)
            check_unlocked(req, server)
            return db.server_metadata_update(session, server, items, db.utcnow(), replace=replace,
                                             max_items=services.quota_defaults["metadata_items"])

    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors(404)
    @query_schema(schemas.index_query)
    @response_schema(schemas.index_response)
    def index(self, req: wsgi.Request, server_id: str) -> dict[str, Any]:
        """All metadata of a server."""
        return {"metadata": self._read(req, server_id)}

    @wsgi.policy(policies.CREATE)
    @wsgi.expected_errors((403, 404, 409))
    @schema(schemas.create)
    @response_schema(schemas.create_response)
    def create(self, req: wsgi.Request, server_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Add or change items; answers with all of them."""
        return {"metadata": self._write(req, server_id, body["metadata"], replace=False)}

    @wsgi.policy(policies.UPDATE_ALL)
    @wsgi.expected_errors((403, 404, 409))
    @schema(schemas.update_all)
    @response_schema(schemas.update_all_response)
    def update_all(self, req: wsgi.Request, server_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Replace all items."""
        return {"metadata": self._write(req, server_id, body["metadata"], replace=True)}

    @wsgi.policy(policies.SHOW)
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    @response_schema(schemas.show_response)
    def show(self, req: wsgi.Request, server_id: str, id: str) -> dict[str, Any]:
        """One item as ``{"meta": {key: value}}``."""
        metadata = self._read(req, server_id)
        if id not in metadata:
            raise exception.NotFound("Metadata item was not found")
        return {"meta": {id: metadata[id]}}

    @wsgi.policy(policies.UPDATE)
    @wsgi.expected_errors((400, 403, 404, 409))
    @schema(schemas.update)
    @response_schema(schemas.update_response)
    def update(self, req: wsgi.Request, server_id: str, id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Set one item; the body's only key must be the one in the URL."""
        meta = body["meta"]
        if id not in meta:
            raise exception.BadRequest("Request body and URI mismatch")
        self._write(req, server_id, meta, replace=False)
        return {"meta": meta}

    @wsgi.policy(policies.DELETE)
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req: wsgi.Request, server_id: str, id: str) -> None:
        """Delete one item."""
        with compute_services(self.context).database.transaction() as session:
            server = get_server(req, session, server_id, lock=True)
            check_unlocked(req, server)
            db.server_metadata_delete(session, server, id, db.utcnow())


class ServerMetadata(ComputePlugin):
    """Server metadata."""

    name = "ServerMetadata"
    alias = "server-metadata"
    requires = ("servers",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/servers/{server_id}/metadata``."""
        return [ResourceSpec("metadata", ServerMetadataController(self.context),
                             parent=Parent("servers", "server"), collection_methods={"PUT": "update_all"})]

    def get_policies(self) -> list:
        """The metadata rules."""
        return policies.list_rules()

"""Keypairs: ``/os-keypairs``, and ``key_name`` on server create through an extension point."""

from __future__ import annotations

from typing import Any

from apiframe import wsgi
from apiframe.compute import crypto
from apiframe.compute.common import pagination, query_value
from apiframe.compute.db import api as db
from apiframe.compute.policies import keypairs as policies
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.compute.views import keypairs as views
from apiframe.extensions import ResourceSpec
from apiframe.schemas import keypairs as schemas
from apiframe.validation import SchemaFragment, parameter_types, query_schema, response_schema, schema


class KeypairsController(wsgi.Controller):
    """Keypairs belong to a user; administrators may name another user from 2.10."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def services(self):
        """The application's compute services."""
        return compute_services(self.context)

    @staticmethod
    def _user_id(req: wsgi.Request, rule: str, user_id: str | None = None) -> str:
        if req.is_supported("2.10"):
            user_id = user_id or query_value(req, "user_id")
        user_id = user_id or req.context.user_id
        req.context.can(rule, {"user_id": user_id, "project_id": req.context.project_id})
        return user_id

    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors(403, "2.1", "2.34")
    @wsgi.expected_errors((400, 403), "2.35")
    @query_schema(schemas.index_query, "2.1", "2.9")
    @query_schema(schemas.index_query_v210, "2.10", "2.34")
    @query_schema(schemas.index_query_v235, "2.35", "2.74")
    @query_schema(schemas.index_query_v275, "2.75")
    @response_schema(schemas.index_response, "2.1", "2.1")
    @response_schema(schemas.index_response_v22, "2.2", "2.34")
    @response_schema(schemas.index_response_v235, "2.35")
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """List the caller's (or, for admins from 2.10, ``user_id``'s) keypairs."""
        user_id = self._user_id(req, policies.INDEX)
        limit, marker = (pagination(req, self.services.max_limit) if req.is_supported("2.35")
                         else (None, None))
        with self.services.database.transaction() as session:
            keypairs = db.keypair_list(session, user_id, limit=limit, marker=marker)
            return views.index(req, keypairs, limit)

    @wsgi.policy(policies.SHOW)
    @wsgi.expected_errors((403, 404))
    @query_schema(schemas.show_query, "2.1", "2.9")
    @query_schema(schemas.show_query_v210, "2.10", "2.74")
    @query_schema(schemas.show_query_v275, "2.75")
    @response_schema(schemas.show_response, "2.1", "2.1")
    @response_schema(schemas.show_response_v22, "2.2")
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """Show one keypair by name."""
        user_id = self._user_id(req, policies.SHOW)
        with self.services.database.transaction() as session:
            return views.show(req, db.keypair_get(session, user_id, id))

    @wsgi.policy(policies.CREATE)
    @wsgi.response(200, "2.1", "2.1")
    @wsgi.response(201, "2.2")
    @wsgi.expected_errors((400, 403, 409))
    @schema(schemas.create, "2.1", "2.1")
    @schema(schemas.create_v22, "2.2", "2.9")
    @schema(schemas.create_v210, "2.10", "2.91")
    @schema(schemas.create_v292, "2.92")
    @response_schema(schemas.create_response, "2.1", "2.1")
    @response_schema(schemas.create_response_v22, "2.2", "2.91")
    @response_schema(schemas.create_response_v292, "2.92")
    def create(self, req: wsgi.Request, body: dict[str, Any]) -> dict[str, Any]:
        """Import a public key, or (before 2.92) generate a keypair and return its private key."""
        data = body["keypair"]
        user_id = self._user_id(req, policies.CREATE, data.get("user_id"))
        key_type = data.get("type", crypto.SSH)
        public_key, private_key = data.get("public_key"), None
        if public_key is None:
            private_key, public_key = crypto.generate_keypair(key_type, user_id)
        fingerprint = crypto.fingerprint(key_type, public_key)
        services = self.services
        with services.database.transaction() as session:
            db.check_keypair_quota(session, user_id, services.quota_defaults["key_pairs"])
            keypair = db.keypair_create(session, db.utcnow(), user_id=user_id, name=data["name"],
                                        public_key=public_key, fingerprint=fingerprint, type=key_type)
            return views.create(req, keypair, private_key)

    @wsgi.policy(policies.DELETE)
    @wsgi.response(202, "2.1", "2.1")
    @wsgi.response(204, "2.2")
    @wsgi.expected_errors((403, 404))
    @query_schema(schemas.delete_query, "2.1", "2.9")
    @query_schema(schemas.delete_query_v210, "2.10", "2.74")
    @query_schema(schemas.delete_query_v275, "2.75")
    @response_schema(schemas.delete_response)
    def delete(self, req: wsgi.Request, id: str) -> None:
        """Delete one keypair by name."""
        user_id = self._user_id(req, policies.DELETE)
        with self.services.database.transaction() as session:
            db.keypair_delete(session, user_id, id)


class Keypairs(ComputePlugin):
    """Keypair management: import or generate SSH keys and X.509 certificates."""

    name = "Keypairs"
    alias = "os-keypairs"
    requires = ("servers",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/os-keypairs``."""
        return [ResourceSpec("os-keypairs", KeypairsController(self.context))]

    def get_schema_fragments(self) -> list[SchemaFragment]:
        """``key_name`` in the server create body."""
        return [SchemaFragment(point="servers.create", plugin=self.alias, path=("server",),
                               properties={"key_name": parameter_types.name})]

    def get_policies(self) -> list:
        """The keypair rules."""
        return policies.list_rules()

"""Server tags (2.26+): ``/servers/{server_id}/tags[/{tag}]``."""

from __future__ import annotations

import re
from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import server_tags as policies
from apiframe.compute.server_access import check_unlocked, get_server
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.extensions import Parent, ResourceSpec
from apiframe.schemas import server_tags as schemas
from apiframe.validation import query_schema, response_schema, schema

MAX_TAGS = 50
_TAG = re.compile(r"^[^,/]{1,60}$")


class ServerTagsController(wsgi.Controller):
    """A server's tags: strings of at most 60 characters without ``,`` or ``/``."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def _change(self, req: wsgi.Request, server_id: str, apply: Any) -> Any:
        with compute_services(self.context).database.transaction() as session:
            server = get_server(req, session, server_id, lock=True)
            check_unlocked(req, server)
            return apply(session, server)

    @staticmethod
    def _check_count(count: int) -> None:
        if count > MAX_TAGS:
            raise exception.BadRequest(f"The number of tags exceeded the per-server limit {MAX_TAGS}")

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors(404)
    @query_schema(schemas.index_query)
    @response_schema(schemas.index_response)
    def index(self, req: wsgi.Request, server_id: str) -> dict[str, Any]:
        """All tags of a server."""
        with compute_services(self.context).database.transaction() as session:
            return {"tags": get_server(req, session, server_id).tag_names}

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.SHOW)
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    def show(self, req: wsgi.Request, server_id: str, id: str) -> None:
        """204 when the server has the tag, 404 when not."""
        with compute_services(self.context).database.transaction() as session:
            if id not in get_server(req, session, server_id).tag_names:
                raise exception.NotFound(f"Tag {id} could not be found.")

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.UPDATE_ALL)
    @wsgi.expected_errors((400, 404, 409))
    @schema(schemas.update_all)
    @response_schema(schemas.update_all_response)
    def update_all(self, req: wsgi.Request, server_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Replace all tags."""
        self._check_count(len(set(body["tags"])))
        tags = self._change(req, server_id, lambda s, server: db.server_tags_replace(s, server, body["tags"],
                                                                                    db.utcnow()))
        return {"tags": tags}

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.UPDATE)
    @wsgi.expected_errors((400, 404, 409))
    @response_schema(schemas.update_response)
    def update(self, req: wsgi.Request, server_id: str, id: str) -> wsgi.ResponseObject:
        """Add one tag: 201 with ``Location`` when new, 204 when the server had it."""
        if not _TAG.match(id):
            raise exception.BadRequest(f"Invalid tag: '{id[:80]}'. Tags are 1 to 60 characters "
                                       "without ',' or '/'.")

        def add(session: Any, server: Any) -> bool:
            if id in server.tag_names:
                return False
            self._check_count(len(server.tag_names) + 1)
            db.server_tag_add(session, server, id, db.utcnow())
            return True

        if not self._change(req, server_id, add):
            return wsgi.ResponseObject(None, code=204)
        return wsgi.ResponseObject(None, code=201,
                                   headers={"Location": f"{req.endpoint}/servers/{server_id}/tags/{id}"})

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.DELETE)
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req: wsgi.Request, server_id: str, id: str) -> None:
        """Remove one tag."""
        self._change(req, server_id, lambda s, server: db.server_tag_delete(s, server, id, db.utcnow()))

    @wsgi.api_version("2.26")
    @wsgi.policy(policies.DELETE_ALL)
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete_all(self, req: wsgi.Request, server_id: str) -> None:
        """Remove every tag."""
        self._change(req, server_id, lambda s, server: db.server_tags_replace(s, server, [], db.utcnow()))


class ServerTags(ComputePlugin):
    """Server tags (from 2.26)."""

    name = "ServerTags"
    alias = "os-server-tags"
    requires = ("servers",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/servers/{server_id}/tags``."""
        return [ResourceSpec("tags", ServerTagsController(self.context), parent=Parent("servers", "server"),
                             collection_methods={"PUT": "update_all", "DELETE": "delete_all"})]

    def get_policies(self) -> list:
        """The tag rules."""
        return policies.list_rules()

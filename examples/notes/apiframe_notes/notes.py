"""``/notes``: the controller and the plugin that serves it."""

from __future__ import annotations

from typing import Any

from apiframe import exception, wsgi
from apiframe.extensions import Extension, ResourceSpec
from apiframe.integers import SQL_INT_MAX, clamped_int
from apiframe.validation import query_schema, response_schema, schema
from apiframe_notes import policies, schemas, views
from apiframe_notes.store import NoteStore, note_store

RULE = policies.RULE


class NotesController(wsgi.Controller):
    """Notes of the caller's project."""

    def __init__(self, plugin: Notes) -> None:
        self.plugin = plugin

    @property
    def store(self) -> NoteStore:
        """The application's note store."""
        return note_store(self.plugin.context)

    @wsgi.policy(RULE % "list")
    @wsgi.expected_errors(400)
    @query_schema(schemas.index_query)
    @response_schema(schemas.index_response, "2.1", "2.2")
    @response_schema(schemas.index_response_v23, "2.3")
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """List the project's notes, at most ``limit`` of them."""
        limit = req.query.get("limit")
        records = self.store.list(req.context.project_id, clamped_int(limit[0], 0, SQL_INT_MAX) if limit else None)
        return {"notes": [views.note(req, record) for record in records]}

    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    @response_schema(schemas.show_response, "2.1", "2.2")
    @response_schema(schemas.show_response_v23, "2.3")
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """Show one note."""
        record = self.store.get(req.context.project_id, id)
        if record is None:
            raise exception.NotFound(f"Note {id} could not be found.")
        return {"note": views.note(req, record)}

    @wsgi.policy(RULE % "create")
    @wsgi.response(201)
    @wsgi.expected_errors(400)
    @schema(schemas.create, "2.1", "2.2")
    @schema(schemas.create_v23, "2.3")
    @response_schema(schemas.show_response, "2.1", "2.2")
    @response_schema(schemas.show_response_v23, "2.3")
    def create(self, req: wsgi.Request, body: dict[str, Any]) -> wsgi.ResponseObject:
        """Create a note; its URL is in ``Location``."""
        data = body["note"]
        record = self.store.create(req.context.project_id, data["title"], data.get("text", ""),
                                   data.get("tags", []))
        view = views.note(req, record)
        return wsgi.ResponseObject({"note": view}, headers={"Location": view["links"][0]["href"]})

    @wsgi.policy(RULE % "delete")
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def delete(self, req: wsgi.Request, id: str) -> None:
        """Delete a note."""
        if not self.store.delete(req.context.project_id, id):
            raise exception.NotFound(f"Note {id} could not be found.")


class Notes(Extension):
    """Notes: short texts a project keeps (tags from 2.3)."""

    name = "Notes"
    alias = "notes"

    def get_resources(self) -> list[ResourceSpec]:
        """``/notes`` and ``/notes/{id}``."""
        return [ResourceSpec("notes", NotesController(self))]

    def get_policies(self) -> list:
        """The ``notes:*`` rules."""
        return policies.rules()

"""The notes plugin's client: ``conn.notes``, declared in the ``apiframe.client.proxies`` entry point group.

::

    conn = Connection(endpoint="http://127.0.0.1:8774", token="alice:demo")
    note = conn.notes.create_note(title="hello", tags=["a"])
    print([n.title for n in conn.notes.notes()])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apiframe.client import Body, Proxy, QueryParameters, Resource
from apiframe.compute.client import COMPUTE


class Note(Resource):
    """A short text a project keeps (``tags`` from 2.3)."""

    base_path = "/notes"
    resource_key = "note"
    resources_key = "notes"
    allow_list = allow_create = allow_fetch = allow_delete = True
    query = QueryParameters("limit")

    id = Body("id", str)
    title = Body("title", str, create=True)
    text = Body("text", str, create=True)
    created_at = Body("created_at", str)
    links = Body("links", list)
    tags = Body("tags", list, min_microversion="2.3", create=True)


class NotesProxy(Proxy):
    """The notes of the caller's project, in the API the plugin is served by (the compute API)."""

    description = COMPUTE
    #: The newest microversion of that API whose shapes this client has been checked against.
    max_microversion = "2.100"
    resources = (Note,)

    def notes(self, **query: Any) -> Iterator[Note]:
        """The project's notes, oldest first (``limit=N``: the first N)."""
        return self._list(Note, **query)

    def get_note(self, note: Note | str) -> Note:
        """One note."""
        return self._get(Note, note)

    def create_note(self, **attrs: Any) -> Note:
        """Create a note (``title``, ``text``, and ``tags`` from 2.3)."""
        return self._create(Note, **attrs)

    def delete_note(self, note: Note | str, *, ignore_missing: bool = True) -> None:
        """Delete a note."""
        self._delete(Note, note, ignore_missing=ignore_missing)

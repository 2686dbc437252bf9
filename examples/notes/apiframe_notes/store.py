"""Where notes live: one table in the API's database (``[database] connection``)."""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from apiframe.database import database_url
from apiframe.extensions import PluginContext

SERVICE_KEY = "notes.store"

metadata = sa.MetaData()
notes = sa.Table(
    "notes", metadata,
    # The insertion order: notes are listed oldest first, and many share a second.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("project_id", sa.String(255), nullable=False, index=True),
    sa.Column("title", sa.String(255), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("tags", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)


class NoteStore:
    """The notes table of one application's database."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)
        metadata.create_all(self.engine)

    def list(self, project_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The notes of a project, oldest first."""
        query = sa.select(notes).where(notes.c.project_id == project_id).order_by(notes.c.seq)
        with self.engine.connect() as connection:
            return [_note(row) for row in connection.execute(query.limit(limit))]

    def get(self, project_id: str, note_id: str) -> dict[str, Any] | None:
        """One note of a project, ``None`` if there is none with that id."""
        query = sa.select(notes).where(notes.c.project_id == project_id, notes.c.id == note_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else _note(row)

    def create(self, project_id: str, title: str, text: str, tags: Sequence[str]) -> dict[str, Any]:
        """Store a new note and return it."""
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        values = {"id": str(uuid.uuid4()), "project_id": project_id, "title": title, "text": text,
                  "tags": json.dumps(list(tags)), "created_at": now.isoformat().replace("+00:00", "Z")}
        with self.engine.begin() as connection:
            connection.execute(notes.insert().values(**values))
        return {**values, "tags": list(tags)}

    def delete(self, project_id: str, note_id: str) -> bool:
        """Delete a note; ``False`` if the project has none with that id."""
        with self.engine.begin() as connection:
            result = connection.execute(notes.delete().where(notes.c.project_id == project_id,
                                                             notes.c.id == note_id))
        return result.rowcount == 1

    def close(self) -> None:
        """Release the database connections (called when the application stops)."""
        self.engine.dispose()


def _note(row: Any) -> dict[str, Any]:
    note = dict(row._mapping)
    del note["seq"]
    note["tags"] = json.loads(note["tags"])
    return note


def note_store(context: PluginContext) -> NoteStore:
    """The application's store, opened on first use."""
    store = context.services.get(SERVICE_KEY)
    if store is None:
        store = context.services[SERVICE_KEY] = NoteStore(database_url(context.conf))
    return store

"""Schema migrations run from code (``apiframe-manage db sync|version``).

The Alembic scripts ship inside the package (``apiframe/compute/db/migrations``); no
``alembic.ini`` is needed on disk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from apiframe.compute.db.engine import Database

SCRIPT_LOCATION = "apiframe.compute.db:migrations"


def alembic_config() -> Config:
    """An Alembic ``Config`` for the packaged scripts."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def upgrade(target: str | Database, revision: str = "head") -> None:
    """Bring the schema of ``target`` (a URL or an open ``Database``) up to ``revision``."""
    config = alembic_config()
    with _database(target) as database, database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(target: str | Database) -> str | None:
    """The revision the schema of ``target`` is at, or None for an empty database."""
    with _database(target) as database, database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision the packaged scripts define."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@contextlib.contextmanager
def _database(target: str | Database) -> Iterator[Database]:
    # A Database passed in stays open: it may be an in-memory SQLite database that
    # would vanish with its connection.
    if isinstance(target, Database):
        yield target
        return
    database = Database(target)
    try:
        yield database
    finally:
        database.dispose()

"""Schema migrations run from code (``apiframe-manage db sync|version``).

The Alembic scripts ship inside the package (``apiframe/compute/db/migrations``); no
``alembic.ini`` is needed on disk.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from apiframe.compute.db.engine import Database

SCRIPT_LOCATION = "apiframe.compute.db:migrations"


def alembic_config(url: str) -> Config:
    """An Alembic ``Config`` for the packaged scripts and ``url``."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    # ConfigParser interpolation would read "%" in a URL-encoded password.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at ``url`` up to ``revision`` (the newest by default)."""
    database = Database(url)
    config = alembic_config(database.url.render_as_string(hide_password=False))
    try:
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        database.dispose()


def current_revision(url: str) -> str | None:
    """The revision the schema at ``url`` is at, or None for an empty database."""
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        database.dispose()


def head_revision() -> str | None:
    """The newest revision the packaged scripts define."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()

"""Fixtures running the database tests on SQLite, PostgreSQL and MariaDB.

PostgreSQL and MariaDB are found through ``APIFRAME_TEST_POSTGRESQL_URL`` and
``APIFRAME_TEST_MYSQL_URL`` (defaults: the local servers' ``test`` database); a server
that does not answer within two seconds skips its tests. Each test session creates its
own uniquely named databases and drops them at the end, so runs in parallel on one
server do not meet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from apiframe.compute.db import api, migration
from apiframe.compute.db.engine import Database
from apiframe.compute.db.models import Base

SERVER_URLS = {
    "postgresql": os.environ.get(
        "APIFRAME_TEST_POSTGRESQL_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
    ),
    "mysql": os.environ.get("APIFRAME_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test"),
}


class ScratchDatabases:
    """Creates empty databases on one backend and drops them all at the end."""

    def __init__(self, backend: str, tmp_dir: str) -> None:
        self.backend = backend
        self._tmp_dir = tmp_dir
        self._created: list[str] = []
        self._admin: sa.Engine | None = None
        if backend != "sqlite":
            self._admin = sa.create_engine(
                SERVER_URLS[backend], isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool,
                connect_args={"connect_timeout": 2},
            )
            try:
                with self._admin.connect():
                    pass
            except sa.exc.OperationalError as error:
                pytest.skip(f"{backend} not reachable at {SERVER_URLS[backend]}: {error.orig}")

    def create(self) -> str:
        """The URL of a new, empty database."""
        name = f"apiframe_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        if self._admin is None:
            return f"sqlite:///{self._tmp_dir}/{name}.sqlite"
        with self._admin.connect() as connection:
            charset = " CHARACTER SET utf8mb4" if self.backend == "mysql" else ""
            connection.exec_driver_sql(f"CREATE DATABASE {name}{charset}")
        self._created.append(name)
        return self._admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop every database this object created."""
        if self._admin is None:
            return
        force = " WITH (FORCE)" if self.backend == "postgresql" else ""
        with self._admin.connect() as connection:
            for name in self._created:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}{force}")
        self._admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql", "mysql"])
def scratch(request, tmp_path_factory) -> Iterator[ScratchDatabases]:
    """Empty databases on each backend in turn."""
    databases = ScratchDatabases(request.param, str(tmp_path_factory.mktemp("db")))
    yield databases
    databases.drop_all()


@pytest.fixture(scope="session")
def migrated_url(scratch: ScratchDatabases) -> str:
    """A database at the newest schema, shared by the tests of one backend."""
    url = scratch.create()
    migration.upgrade(url)
    return url


@pytest.fixture
def db(migrated_url: str) -> Iterator[Database]:
    """A ``Database`` on the migrated schema; every table is emptied after the test."""
    database = Database(migrated_url)
    yield database
    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    database.dispose()


FLAVOR = {
    "flavorid": "1", "name": "m1.tiny", "vcpus": 1, "ram": 512, "disk": 1,
    "ephemeral": 0, "swap": 0, "extra_specs": {},
}


@pytest.fixture
def make_server(db: Database):
    """A function creating one server in its own committed transaction."""

    def make(now=None, **fields):
        fields.setdefault("project_id", "p1")
        fields.setdefault("user_id", "u1")
        fields.setdefault("name", "server")
        fields.setdefault("flavor", FLAVOR)
        with db.transaction() as session:
            return api.server_create(session, now or api.utcnow(), **fields)

    return make

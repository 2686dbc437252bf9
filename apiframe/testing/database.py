"""Throw-away databases for tests: a SQLite file, or a fresh database on a server.

With no URL the database is a SQLite file in the test's temporary directory. Given a
server URL (``postgresql+psycopg2://user@host/test``, ``mysql+pymysql://root@host/test``)
a database with a unique name is created on that server for the test and dropped
afterwards; the URL's own database is only used to connect for the CREATE and DROP. A
URL without driver gets the one the API would use (:func:`apiframe.database.with_default_driver`).
``$APIFRAME_TEST_DATABASE`` supplies the server URL for a whole test run.
"""

from __future__ import annotations

import os
import uuid

import sqlalchemy as sa

from apiframe.database import with_default_driver

DATABASE_ENV = "APIFRAME_TEST_DATABASE"


class ThrowAwayDatabase:
    """One database that exists from :meth:`create` to :meth:`drop`."""

    def __init__(self, directory: str, server_url: str | None = None) -> None:
        self._server_url = sa.make_url(with_default_driver(server_url)) if server_url else None
        self._name: str | None = None
        self.url = "sqlite:///" + os.path.join(directory, "apiframe-test.sqlite")

    def create(self) -> str:
        """Create the database and return its URL."""
        if self._server_url is None:
            return self.url
        self._name = f"apiframe_test_{uuid.uuid4().hex[:12]}"
        self._execute(f"CREATE DATABASE {self._name}")
        self.url = self._server_url.set(database=self._name).render_as_string(hide_password=False)
        return self.url

    def drop(self) -> None:
        """Drop the database created on the server (a SQLite file goes with its directory)."""
        if self._name is None:
            return
        if self._server_url is not None and self._server_url.get_backend_name() == "postgresql":
            self._execute(f"DROP DATABASE IF EXISTS {self._name} WITH (FORCE)")
        else:
            self._execute(f"DROP DATABASE IF EXISTS {self._name}")
        self._name = None

    def _execute(self, statement: str) -> None:
        engine = sa.create_engine(self._server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql(statement)
        finally:
            engine.dispose()


def server_problem(server_url: str, timeout: int = 2) -> str | None:
    """``None`` when the database server at ``server_url`` accepts a connection within
    ``timeout`` seconds, else why not (for a test's skip reason)."""
    engine = sa.create_engine(server_url, poolclass=sa.pool.NullPool, connect_args={"connect_timeout": timeout})
    try:
        with engine.connect():
            return None
    except sa.exc.SQLAlchemyError as error:
        return " ".join(str(getattr(error, "orig", None) or error).split())
    finally:
        engine.dispose()

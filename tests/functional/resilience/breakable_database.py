"""A throw-away PostgreSQL database, and the superuser's levers to break it under a running service."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from apiframe.testing.database import ThrowAwayDatabase

#: Which service process holds a connection (see ``apiframe.compute.db.engine.APPLICATION_NAME``).
BACKENDS = sa.text("SELECT pid, application_name, state, pg_blocking_pids(pid) AS blocked_by "
                   "FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()")


class BreakableDatabase:
    """A fresh database on the server at ``server_url`` (connected to as a superuser).

    The levers act as an operator or a failover would: ``terminate_connections`` ends every
    connection to the database, ``refuse_connections``/``allow_connections`` close and
    reopen it to new ones.
    """

    def __init__(self, server_url: str) -> None:
        self._throwaway = ThrowAwayDatabase("", server_url)
        self.url = self._throwaway.create()
        self.name = sa.make_url(self.url).database
        # Connected to the server's own database, so it survives what is done to this one.
        self._admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool,
                                       connect_args={"connect_timeout": 2})

    def backends(self) -> list[Any]:
        """The connections to this database: ``pid``, ``application_name``, ``state``, and
        ``blocked_by``, the pids of the connections holding a lock it waits for."""
        with self._admin.connect() as connection:
            return list(connection.execute(BACKENDS, {"name": self.name}))

    def terminate_connections(self, timeout: float = 10) -> int:
        """End every connection to the database; return how many once they are all gone."""
        with self._admin.connect() as connection:
            # In the select list, not the WHERE clause: only rows that passed the filter are ended.
            ended = [row.pid for row in connection.execute(sa.text(
                "SELECT pid, pg_terminate_backend(pid) AS ended FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": self.name}) if row.ended]
        deadline = time.monotonic() + timeout
        while {row.pid for row in self.backends()} & set(ended):
            if time.monotonic() > deadline:
                raise AssertionError(f"connections {ended} outlived pg_terminate_backend by {timeout}s")
            time.sleep(0.02)
        return len(ended)

    def refuse_connections(self) -> None:
        """Accept no connection to the database, and end the ones it has."""
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"ALTER DATABASE {self.name} WITH ALLOW_CONNECTIONS false")
        self.terminate_connections()

    def allow_connections(self) -> None:
        """Accept connections to the database again."""
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"ALTER DATABASE {self.name} WITH ALLOW_CONNECTIONS true")

    @contextlib.contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A connection of its own to the database (not one of the service's)."""
        engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()

    def rows(self, query: str, **params: Any) -> list[Any]:
        """The rows ``query`` returns, read in a transaction of its own."""
        with self.connect() as connection:
            return list(connection.execute(sa.text(query), params))

    def drop(self) -> None:
        """Reopen the database if needed, drop it and close the admin engine."""
        try:
            self.allow_connections()
            self._throwaway.drop()
        finally:
            self._admin.dispose()

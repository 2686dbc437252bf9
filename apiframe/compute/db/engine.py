"""The database connection of the compute API: one engine, one way to run a transaction.

``Database(url)`` accepts any SQLAlchemy URL; the three backends it is tuned for are

- SQLite (``sqlite:///path/to/file``, the zero set-up default): WAL journal, a busy
  timeout, foreign keys on, and every transaction opened with ``BEGIN IMMEDIATE`` so that
  writers in several worker processes queue up instead of failing with "database is
  locked" half-way through a request;
- PostgreSQL (``postgresql+psycopg2://...``), each connection named ``apiframe:<pid>``
  in ``pg_stat_activity`` (unless the URL names it) so that a DBA sees which process
  holds it;
- MariaDB/MySQL (``mysql+pymysql://...``), run at READ COMMITTED so that a count taken
  after a row lock sees rows other workers have committed (quota checks rely on it).

Pooled connections are pinged before use and replaced when dead, so after a database
restart or ``pg_terminate_backend`` only the requests that were using a connection at
that moment fail (503), and the next ones succeed. A pool inherited over ``fork()``
(``gunicorn --preload``) is dropped in the child, so no two processes share a socket.
"""

from __future__ import annotations

import contextlib
import logging
import os
import weakref
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc, pool
from sqlalchemy.orm import Session, sessionmaker

from apiframe import exception

LOG = logging.getLogger(__name__)

#: Default seconds a SQLite writer waits for another process's write transaction to end.
SQLITE_BUSY_TIMEOUT = 30.0
#: Seconds to wait for a TCP connection to a database server.
CONNECT_TIMEOUT = 10
#: How PostgreSQL's ``pg_stat_activity`` names the service's connections, followed by ``:<pid>``.
APPLICATION_NAME = "apiframe"
#: Default seconds a transaction waits for a free pooled connection before failing with 503.
POOL_TIMEOUT = 10.0


class Database:
    """An engine and session factory for one database URL.

    Use ``transaction()`` for every unit of work; call ``dispose()`` when done.
    ``sqlite_busy_timeout`` is how long (seconds) a SQLite transaction waits for the
    write lock, and ``pool_timeout`` how long any transaction waits for a free pooled
    connection, before the request fails with 503.
    """

    def __init__(
        self, url: str | sa.URL, *, sqlite_busy_timeout: float = SQLITE_BUSY_TIMEOUT,
        pool_timeout: float = POOL_TIMEOUT, echo: bool = False
    ) -> None:
        self.url = sa.make_url(url)
        options = _engine_options(self.url, sqlite_busy_timeout, pool_timeout)
        self.engine = sa.create_engine(self.url, echo=echo, **options)
        if self.url.get_backend_name() == "sqlite":
            _tune_sqlite(self.engine, sqlite_busy_timeout)
        elif self.url.get_backend_name() == "postgresql":
            _name_connections(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reported_unmigrated = False
        _dispose_after_fork(self)

    @property
    def backend(self) -> str:
        """The backend name: ``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        return self.url.get_backend_name()

    @property
    def masked_url(self) -> str:
        """The URL with its password hidden, for logs and error messages."""
        return self.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a Session inside one transaction.

        It commits when the block ends normally and rolls back when it raises, so a
        failed request writes nothing. A database that cannot be reached, a lost
        connection, a lock not granted in time, a deadlock (``is_unavailable``), no free
        pooled connection in time, or a schema that lacks a table or column this code
        uses (``is_unmigrated``, logged once) becomes ``ServiceUnavailable`` (503); any
        other database error is a bug and propagates.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except exc.DBAPIError as error:
            if is_unmigrated(error):
                self._report_unmigrated(error)
            elif is_unavailable(error):
                LOG.error("Database %s unavailable: %s", self.masked_url, _one_line(error.orig))
            else:
                raise
            raise exception.ServiceUnavailable(UNAVAILABLE_MESSAGE) from error
        except exc.TimeoutError as error:
            LOG.error("Database %s: no pooled connection free in time: %s", self.masked_url, _one_line(error))
            raise exception.ServiceUnavailable(UNAVAILABLE_MESSAGE) from error

    def _report_unmigrated(self, error: exc.DBAPIError) -> None:
        if self._reported_unmigrated:
            return
        self._reported_unmigrated = True
        LOG.error("Database %s lacks a table or column this version uses (%s): run 'apiframe-manage db sync' "
                  "to create or upgrade its schema; until then every request using it answers 503",
                  self.masked_url, _one_line(error.orig))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Database({self.masked_url!r})"


#: What a client is told when the database cannot serve its request.
UNAVAILABLE_MESSAGE = "The database is unavailable; retry later."

#: Driver error codes meaning "busy or gone, try again" rather than "this query is wrong".
_TRANSIENT_SQLITE = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN"})
_TRANSIENT_POSTGRESQL = frozenset({"40001", "40P01", "55P03", "57P01", "57P03"})
_TRANSIENT_MYSQL = frozenset({1040, 1205, 1213, 2002, 2003, 2006, 2013})
#: Driver error codes meaning "no such table" or "no such column".
_UNDEFINED_POSTGRESQL = frozenset({"42P01", "42703"})
_UNDEFINED_MYSQL = frozenset({1054, 1146})
_UNDEFINED_SQLITE = ("no such table", "no such column")


def is_unavailable(error: exc.DBAPIError) -> bool:
    """Whether ``error`` says the database is unreachable or busy, not that a query is wrong.

    True for failures to connect, lost connections, SQLite's "database is locked",
    PostgreSQL serialization failures and deadlocks, MariaDB lock wait timeouts and
    deadlocks.
    """
    if error.connection_invalidated or error.statement is None:
        return True
    original = error.orig
    return (
        getattr(original, "sqlite_errorname", None) in _TRANSIENT_SQLITE
        or getattr(original, "pgcode", None) in _TRANSIENT_POSTGRESQL
        or _mysql_code(original) in _TRANSIENT_MYSQL
    )


def is_unmigrated(error: exc.DBAPIError) -> bool:
    """Whether ``error`` says a table or column is missing: the schema is not migrated."""
    original = error.orig
    if getattr(original, "sqlite_errorname", None) == "SQLITE_ERROR":
        return str(original).startswith(_UNDEFINED_SQLITE)
    return getattr(original, "pgcode", None) in _UNDEFINED_POSTGRESQL or _mysql_code(original) in _UNDEFINED_MYSQL


def _mysql_code(original: BaseException) -> object:
    return original.args[0] if original.args else None


def _one_line(error: BaseException) -> str:
    """The driver's message on one line (PostgreSQL's span several)."""
    return " ".join(str(error).split())


def _engine_options(url: sa.URL, sqlite_busy_timeout: float, pool_timeout: float) -> dict[str, Any]:
    backend = url.get_backend_name()
    if backend == "sqlite":
        options: dict[str, Any] = {
            "connect_args": {"timeout": sqlite_busy_timeout, "check_same_thread": False},
        }
        if url.database in (None, "", ":memory:"):
            # One in-memory database exists per connection: share a single one.
            options["poolclass"] = pool.StaticPool
        else:
            options["pool_timeout"] = pool_timeout
        return options
    options = {"pool_pre_ping": True, "pool_recycle": 3600, "pool_timeout": pool_timeout}
    if backend in ("mysql", "mariadb"):
        options["isolation_level"] = "READ COMMITTED"
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT, "charset": "utf8mb4"}
    elif backend == "postgresql":
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT}
    return options


def _tune_sqlite(engine: sa.Engine, busy_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so that "begin" below
        # decides how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A deferred transaction that reads and then writes fails at once when another
        # process wrote in between; taking the write lock up front makes it wait.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _name_connections(engine: sa.Engine) -> None:
    @event.listens_for(engine, "do_connect")
    def _on_connect(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
        # Set when connecting, not when the engine is made: that may be before a fork.
        params.setdefault("application_name", f"{APPLICATION_NAME}:{os.getpid()}")


def _dispose_after_fork(database: Database) -> None:
    ref = weakref.ref(database)

    def _in_child() -> None:
        alive = ref()
        if alive is not None:
            alive.engine.dispose(close=False)

    os.register_at_fork(after_in_child=_in_child)

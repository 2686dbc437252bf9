"""Database: transactions, backend settings, error mapping."""

import multiprocessing
import os

import pytest
import sqlalchemy as sa

from apiframe import exception
from apiframe.compute.db import api, migration
from apiframe.compute.db.engine import Database
from apiframe.compute.db.models import Flavor, Server, ServerMetadata


def test_a_failed_transaction_writes_nothing(db, make_server):
    with pytest.raises(RuntimeError), db.transaction() as session:
        api.flavor_create(session, api.utcnow(), name="f", memory_mb=1, vcpus=1, root_gb=1)
        api.server_create(
            session, api.utcnow(), project_id="p", user_id="u", name="s",
            flavor={"flavorid": "1", "name": "f", "vcpus": 1, "ram": 1, "disk": 1},
            metadata={"k": "v"},
        )
        raise RuntimeError("the request failed")

    with db.transaction() as session:
        for model in (Flavor, Server, ServerMetadata):
            assert session.scalar(sa.select(sa.func.count()).select_from(model)) == 0


def test_a_successful_transaction_commits(db):
    with db.transaction() as session:
        api.flavor_create(session, api.utcnow(), flavorid="x", name="f", memory_mb=1, vcpus=1, root_gb=1)
    with db.transaction() as session:
        assert api.flavor_get(session, "x").name == "f"


def test_sqlite_settings(tmp_path):
    database = Database(f"sqlite:///{tmp_path}/settings.sqlite")
    try:
        with database.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 30000
    finally:
        database.dispose()


def test_masked_url_hides_the_password():
    database = Database("postgresql+psycopg2://admin:s3cret@db.example:5432/compute")
    assert "s3cret" not in database.masked_url
    assert "admin:***@db.example:5432/compute" in database.masked_url
    assert "s3cret" not in repr(database)


def test_unreachable_database_is_service_unavailable():
    # Port 1 on the loopback address refuses connections at once.
    database = Database("postgresql+psycopg2://postgres@127.0.0.1:1/none")
    with pytest.raises(exception.ServiceUnavailable) as caught, database.transaction() as session:
        session.execute(sa.text("SELECT 1"))
    assert caught.value.code == 503
    database.dispose()


def test_a_locked_sqlite_database_is_service_unavailable(tmp_path):
    url = f"sqlite:///{tmp_path}/locked.sqlite"
    migration.upgrade(url)
    holder, waiter = Database(url), Database(url, sqlite_busy_timeout=0.2)
    try:
        with holder.transaction() as session:
            api.flavor_create(session, api.utcnow(), name="f", memory_mb=1, vcpus=1, root_gb=1)
            with pytest.raises(exception.ServiceUnavailable), waiter.transaction() as other:
                api.flavor_list(other)
    finally:
        holder.dispose()
        waiter.dispose()


def test_an_unmigrated_database_is_service_unavailable_and_logged_once(scratch, caplog):
    database = Database(scratch.create())
    try:
        for _ in range(3):
            with pytest.raises(exception.ServiceUnavailable) as caught, database.transaction() as session:
                api.flavor_list(session)
            assert caught.value.code == 503
            assert ("Retry-After", "5") in caught.value.headers
    finally:
        database.dispose()
    told = [record.getMessage() for record in caplog.records if "db sync" in record.getMessage()]
    assert len(told) == 1, told
    assert "run 'apiframe-manage db sync'" in told[0] and "\n" not in told[0]


def test_a_missing_column_is_an_unmigrated_database(db):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE keypairs RENAME TO keypairs_old")
        connection.exec_driver_sql("CREATE TABLE keypairs (id INTEGER PRIMARY KEY)")
    try:
        with pytest.raises(exception.ServiceUnavailable), db.transaction() as session:
            api.keypair_list(session, "u1")
    finally:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE keypairs")
            connection.exec_driver_sql("ALTER TABLE keypairs_old RENAME TO keypairs")


def test_other_database_errors_are_not_hidden(db):
    with pytest.raises(sa.exc.DBAPIError), db.transaction() as session:
        session.execute(sa.text("SELEC 1"))


def _connection_id(db: Database, session) -> int:
    """The server's id of the connection ``session`` uses."""
    if db.backend == "sqlite":
        pytest.skip("SQLite has no server connection to kill")
    query = "SELECT pg_backend_pid()" if db.backend == "postgresql" else "SELECT CONNECTION_ID()"
    return session.execute(sa.text(query)).scalar()


def _kill_connection(db: Database, connection_id: int) -> None:
    """End a server connection from another one, as an operator or a failover would."""
    admin = sa.create_engine(db.url, poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"SELECT pg_terminate_backend({connection_id})"
                                       if db.backend == "postgresql" else f"KILL {connection_id}")
    finally:
        admin.dispose()


def test_a_connection_lost_mid_transaction_is_503_and_writes_nothing(db):
    with pytest.raises(exception.ServiceUnavailable) as caught, db.transaction() as session:
        api.flavor_create(session, api.utcnow(), flavorid="half", name="half", memory_mb=1, vcpus=1, root_gb=1)
        session.flush()
        _kill_connection(db, _connection_id(db, session))
        session.execute(sa.text("SELECT 1"))
    assert ("Retry-After", "5") in caught.value.headers
    with db.transaction() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Flavor)) == 0


def test_a_pooled_connection_killed_while_idle_is_replaced_before_use(db):
    with db.transaction() as session:
        pooled = _connection_id(db, session)
    _kill_connection(db, pooled)
    with db.transaction() as session:
        assert _connection_id(db, session) != pooled


def test_no_free_pooled_connection_in_time_is_service_unavailable(tmp_path):
    url = f"sqlite:///{tmp_path}/pool.sqlite"
    migration.upgrade(url)
    database = Database(url, pool_timeout=0.2)
    held = []
    try:
        with pytest.raises(sa.exc.TimeoutError):
            while len(held) < 100:
                held.append(database.engine.connect())
        with pytest.raises(exception.ServiceUnavailable), database.transaction() as session:
            api.flavor_list(session)
    finally:
        for connection in held:
            connection.close()
        database.dispose()


def _write_keypairs(url: str, worker: int, count: int) -> None:
    database = Database(url)
    for i in range(count):
        with database.transaction() as session:
            # Read first, then write: the pattern that fails with "database is locked"
            # under deferred SQLite transactions when another process writes in between.
            api.keypair_list(session, "shared-user")
            api.keypair_create(
                session, api.utcnow(), user_id="shared-user", name=f"k-{worker}-{i}",
                public_key="ssh-rsa AAAA", fingerprint="fp",
            )
    database.dispose()


def test_sqlite_serves_several_writing_processes(tmp_path):
    url = f"sqlite:///{tmp_path}/workers.sqlite"
    migration.upgrade(url)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_keypairs, args=(url, n, 25)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    assert [process.exitcode for process in workers] == [0, 0, 0, 0]

    database = Database(url)
    with database.transaction() as session:
        assert len(api.keypair_list(session, "shared-user")) == 100
    database.dispose()


def test_an_open_in_memory_database_is_migrated_in_place():
    database = Database("sqlite://")
    migration.upgrade(database)
    assert migration.current_revision(database) == migration.head_revision()
    with database.transaction() as session:
        assert api.seed_default_flavors(session, api.utcnow()) == 5
    with database.transaction() as session:
        assert len(api.flavor_list(session)) == 5
    database.dispose()


def test_postgresql_connections_name_the_process_holding_them(db):
    if db.backend != "postgresql":
        pytest.skip("application_name is PostgreSQL's")
    with db.transaction() as session:
        name = session.execute(sa.text("SELECT application_name FROM pg_stat_activity "
                                       "WHERE pid = pg_backend_pid()")).scalar()
    assert name == f"apiframe:{os.getpid()}"

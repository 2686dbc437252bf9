"""Database: transactions, backend settings, error mapping."""

import multiprocessing

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


def test_other_database_errors_are_not_hidden(tmp_path):
    database = Database(f"sqlite:///{tmp_path}/empty.sqlite")
    with pytest.raises(sa.exc.OperationalError, match="no such table"), database.transaction() as session:
        api.flavor_list(session)
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

"""Fixtures of the fault-injection and scale-out tests: a PostgreSQL database the tests may
break, and ``apiframe-api serve`` hosts using it.

The server is found through ``APIFRAME_TEST_POSTGRESQL_URL`` (default: the local server's
``test`` database as ``postgres``; the faults need a superuser). The tests skip when it
does not answer within two seconds. Each test module gets a database of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from breakable_database import BreakableDatabase
from service_hosts import start_host as start_service_host
from service_process import Service

from apiframe.testing.database import server_problem

POSTGRESQL_URL = os.environ.get("APIFRAME_TEST_POSTGRESQL_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def database() -> Iterator[BreakableDatabase]:
    """A fresh PostgreSQL database for this module's hosts."""
    problem = server_problem(POSTGRESQL_URL)
    if problem is not None:
        pytest.skip(f"PostgreSQL not reachable at {sa.make_url(POSTGRESQL_URL).render_as_string()}: {problem}")
    created = BreakableDatabase(POSTGRESQL_URL)
    yield created
    created.drop()


@pytest.fixture(scope="module")
def start_host(database: BreakableDatabase, tmp_path_factory) -> Iterator[Callable[..., Service]]:
    """``start(address, workers)``: a host on the module's database (see :func:`service_hosts.start_host`).
    Every host is killed at the end of the module."""
    started: list[Service] = []

    def start(address: str = "127.0.0.1", workers: int = 2) -> Service:
        service = start_service_host(tmp_path_factory.mktemp(f"host-{address}"), database.url, address, workers)
        started.append(service)
        return service

    yield start
    for service in started:
        service.kill()

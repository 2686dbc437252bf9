"""Fixtures of the fault-injection and scale-out tests: a PostgreSQL database the tests may
break, and ``apiframe-api serve`` processes using it.

The server is found through ``APIFRAME_TEST_POSTGRESQL_URL`` (default: the local server's
``test`` database as ``postgres``; the faults need a superuser). The tests skip when it
does not answer within two seconds. Each test module gets a database of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from breakable_database import BreakableDatabase
from service_process import Service

from apiframe.testing.database import server_problem

POSTGRESQL_URL = os.environ.get("APIFRAME_TEST_POSTGRESQL_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
PLUGINS = ("flavors", "servers", "keypairs", "server-metadata", "limits")
#: Seconds after which each host re-reads a changed policy file.
POLICY_RELOAD_INTERVAL = 1.0


@pytest.fixture(scope="module")
def database() -> Iterator[BreakableDatabase]:
    """A fresh PostgreSQL database for this module's services."""
    problem = server_problem(POSTGRESQL_URL)
    if problem is not None:
        pytest.skip(f"PostgreSQL not reachable at {sa.make_url(POSTGRESQL_URL).render_as_string()}: {problem}")
    created = BreakableDatabase(POSTGRESQL_URL)
    yield created
    created.drop()


def policy_path(service: Service) -> Path:
    """The policy file of the host ``service`` runs on."""
    return service.workdir / "policy.yaml"


@pytest.fixture(scope="module")
def start_host(database: BreakableDatabase, tmp_path_factory) -> Iterator[Callable[..., Service]]:
    """Start ``apiframe-api serve`` as one host (a directory and address of its own) on the
    module's database; call ``wait_ready()`` on the result. Every host is killed at the end."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("APIFRAME_")}
    started: list[Service] = []

    def start(address: str = "127.0.0.1", workers: int = 2) -> Service:
        workdir = tmp_path_factory.mktemp(f"host-{address}")
        (workdir / "policy.yaml").write_text("{}\n")
        conf = workdir / "apiframe.conf"
        conf.write_text(
            f"[api]\nenabled_plugins = {','.join(PLUGINS)}\nresponse_validation = error\n"
            f"policy_file = {workdir / 'policy.yaml'}\npolicy_reload_interval = {POLICY_RELOAD_INTERVAL}\n"
            f"[database]\nconnection = {database.url}\ndata_dir = {workdir / 'data'}\n"
            "[compute]\nboot_delay = 0\naction_delay = 0\n"
            "[quota]\ninstances = -1\ncores = -1\nram = -1\nkey_pairs = -1\n")
        service = Service(["serve", "--config-file", str(conf), "--host", address, "--port", "0",
                           "--workers", str(workers)], env, workdir)
        started.append(service)
        return service

    yield start
    for service in started:
        service.kill()

"""Faults under a write load: ``apiframe-api serve --workers 2`` on PostgreSQL, broken for real.

Each test runs a bounded write load (:class:`workload.Workload`), injects one fault, lets
the load go on until the service has answered a run of requests again, then checks that
every request got a proper answer in time (2xx, or a 503 ``serviceUnavailable`` fault
with ``Retry-After`` while the database was away), that the service recovered by itself,
and that the database holds exactly what the answers allow. The figures are printed
(``pytest -s``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from breakable_database import BreakableDatabase
from service_process import request
from workload import IMAGE_ID, LOST, REQUEST_TIMEOUT, Workload, assert_answered, check_writes, figures

from apiframe.compute.db.engine import APPLICATION_NAME

WORKERS = 2
#: Requests the service must acknowledge before a fault, and after it to count as recovered.
WARM_UP = 6
RECOVERED = 9
#: How long the database refuses connections.
OUTAGE_SECONDS = 3.0
#: A service that has not acknowledged a write this long after a fault ended has not recovered.
RECOVERY_LIMIT = 5.0


@pytest.fixture(scope="module")
def service(start_host):
    """The API with two workers on the module's database."""
    return start_host(workers=WORKERS).wait_ready()


def acknowledged_since(moment: float, count: int):
    """A condition on the load's outcomes: ``count`` requests sent after ``moment`` acknowledged."""
    return lambda outcomes: sum(o.acknowledged and o.started >= moment for o in outcomes) >= count


def report(scenario: str, numbers: dict) -> None:
    """Print the figures of one scenario on one line."""
    print(f"\n[resilience] {scenario}: " + ", ".join(f"{key}={value}" for key, value in numbers.items()))


def workers_of(master_pid: int) -> set[int]:
    """The pids of the processes whose parent is ``master_pid``."""
    children = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as stat:
                # The command name in parentheses may hold spaces: the parent pid follows the last ')'.
                if int(stat.read().rsplit(")", 1)[1].split()[1]) == master_pid:
                    children.add(int(entry))
    return children


@contextlib.contextmanager
def quota_lock_held(database: BreakableDatabase, scope: str) -> Iterator[int]:
    """Hold the quota lock of ``scope`` (a server create for it waits inside its transaction);
    yields the pid of the connection holding it."""
    with database.connect() as connection:
        connection.execute(sa.text("INSERT INTO quota_locks (scope) VALUES (:scope) ON CONFLICT DO NOTHING"),
                           {"scope": scope})
        connection.commit()
        connection.execute(sa.text("SELECT scope FROM quota_locks WHERE scope = :scope FOR UPDATE"),
                           {"scope": scope})
        yield connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        connection.rollback()


def worker_blocked_by(database: BreakableDatabase, holder: int, timeout: float = 10) -> int:
    """The pid of the worker whose connection waits for a lock ``holder`` holds (its
    ``application_name`` names it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for backend in database.backends():
            if holder in backend.blocked_by and backend.application_name.startswith(f"{APPLICATION_NAME}:"):
                return int(backend.application_name.rsplit(":", 1)[1])
        time.sleep(0.02)
    raise AssertionError(f"no worker waited for the lock within {timeout}s: {database.backends()}")


def test_a_worker_killed_mid_request(service, database):
    victim = {"X-Auth-Token": "victim:victim-project"}
    create = {"server": {"name": "victim", "flavorRef": "1", "imageRef": IMAGE_ID}}
    with Workload(service.url, "kill", seconds=30) as load, ThreadPoolExecutor(1) as pool:
        load.wait_for(acknowledged_since(0, WARM_UP))
        workers = workers_of(service.process.pid)
        with quota_lock_held(database, "project:victim-project") as holder:
            answer = pool.submit(request, service.url, "POST", "/v2.1/servers", create, victim, REQUEST_TIMEOUT)
            pid = worker_blocked_by(database, holder)
            assert pid in workers, f"{pid} is not a worker of the service ({workers})"
            os.kill(pid, signal.SIGKILL)
            killed_at = time.monotonic()
        with pytest.raises(LOST):
            answer.result()
        load.wait_for(lambda _: len(workers_of(service.process.pid) - workers) == 1)
        replaced_s = time.monotonic() - killed_at
        load.wait_for(acknowledged_since(killed_at, RECOVERED))
    outcomes = load.snapshot()

    numbers = figures(outcomes, killed_at)
    report("worker SIGKILLed inside a request", {**numbers, "worker_respawned_s": round(replaced_s, 3),
                                                 **check_writes(load, database)})
    # A worker serving several requests at once (threads) takes all of their answers along.
    assert_answered(outcomes, lost_at_most=load.threads)
    assert numbers["recovery_s"] < RECOVERY_LIMIT
    assert database.rows("SELECT id FROM servers WHERE project_id = 'victim-project'") == []
    usage = request(service.url, "GET", "/v2.1/limits", headers=victim).json["limits"]["absolute"]
    assert usage["totalInstancesUsed"] == 0


def test_every_database_connection_terminated_mid_load(service, database):
    with Workload(service.url, "terminate", seconds=30) as load:
        load.wait_for(acknowledged_since(0, WARM_UP))
        terminated = database.terminate_connections()
        ended_at = time.monotonic()
        load.wait_for(acknowledged_since(ended_at, RECOVERED))
    outcomes = load.snapshot()

    numbers = figures(outcomes, ended_at)
    report("every connection terminated", {**numbers, "connections_terminated": terminated,
                                           **check_writes(load, database)})
    assert terminated >= WORKERS
    assert_answered(outcomes)
    # Only requests using a connection at that moment may fail: pooled connections that
    # died while idle are replaced before use.
    failed_later = [o for o in outcomes if o.started >= ended_at and not o.acknowledged]
    assert not failed_later, failed_later[:3]

    # Terminated while idle, every pooled connection is dead: the very next requests
    # (several per worker) must still succeed.
    assert database.terminate_connections() >= WORKERS
    statuses = [request(service.url, "GET", "/v2.1/servers", headers=load.token, timeout=REQUEST_TIMEOUT).status
                for _ in range(4 * WORKERS)]
    assert statuses == [200] * len(statuses)


def test_the_database_refusing_connections_for_a_while(service, database):
    with Workload(service.url, "refuse", seconds=30) as load:
        load.wait_for(acknowledged_since(0, WARM_UP))
        database.refuse_connections()
        refused_at = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        database.allow_connections()
        ended_at = time.monotonic()
        load.wait_for(acknowledged_since(ended_at, RECOVERED))
    outcomes = load.snapshot()

    numbers = figures(outcomes, ended_at)
    during = [o for o in outcomes if o.started >= refused_at and o.ended <= ended_at]
    report("database refusing connections", {**numbers, "outage_s": OUTAGE_SECONDS,
                                             "answered_during_outage": len(during),
                                             "slowest_during_outage_s": round(max(o.ended - o.started
                                                                                  for o in during), 3),
                                             **check_writes(load, database)})
    assert_answered(outcomes)
    assert len(during) >= 10, "the service stopped answering while the database was away"
    assert {o.status for o in during} == {503}
    assert numbers["recovery_s"] < RECOVERY_LIMIT

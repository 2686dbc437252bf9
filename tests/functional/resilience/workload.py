"""A bounded write load on the compute API, what it got back, and the check that nothing was lost.

:class:`Workload` runs a few client threads for one project, each creating servers (with
a metadata item naming the request), setting metadata on the servers it created and
creating key pairs, one request per connection, until told to stop or its time or
request budget runs out. Every request's outcome is kept. :func:`check_writes` then reads
the database: every acknowledged (2xx) write is there, nothing is there that no request
may have written, no write is half there, and the quota usage the API reports is what
the rows add up to.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from breakable_database import BreakableDatabase
from service_process import request

PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFJ16IA0631fq6ldwzuJzUxOgIr7iPD2TN7t0TWbSa9v test"
IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
#: A request not answered within this many seconds counts as hung: a failure.
REQUEST_TIMEOUT = 10.0
#: The answers that say a write did not happen, or may have: the connection went away first.
LOST = (http.client.RemoteDisconnected, http.client.IncompleteRead, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Outcome:
    """One request of the load and what came back.

    ``key`` names what it wrote: the server's or key pair's name, or ``"<server id> <key>"``
    for a metadata item (``value`` its value). ``status`` is None when no answer came;
    ``problem`` then says why (``lost``, ``timeout``, ``refused``), and it also names an
    answer that is neither 2xx nor a proper 503 fault. ``server_id``: the server an
    acknowledged create made.
    """

    kind: str
    key: str
    value: str | None
    status: int | None
    problem: str | None
    started: float
    ended: float
    server_id: str | None = None

    @property
    def acknowledged(self) -> bool:
        """The service said the write was done."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def may_have_written(self) -> bool:
        """No answer, or a 503 (the connection may have died during COMMIT): either way is right."""
        return self.status is None or self.status == 503


class Workload:
    """``threads`` clients writing as ``user:project`` through ``base_url`` for at most ``seconds``."""

    def __init__(self, base_url: str, tag: str, *, threads: int = 4, seconds: float = 10.0,
                 requests_per_thread: int = 300) -> None:
        self.base_url = base_url
        self.tag = tag
        self.user = f"user-{tag}"
        self.project = f"project-{tag}"
        self.token = {"X-Auth-Token": f"{self.user}:{self.project}"}
        self.outcomes: list[Outcome] = []
        self.threads = threads
        self._threads = [threading.Thread(target=self._client, args=(index,), daemon=True)
                         for index in range(threads)]
        self._seconds = seconds
        self._requests_per_thread = requests_per_thread
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def __enter__(self) -> Workload:
        self._deadline = time.monotonic() + self._seconds
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the clients once their current request is answered (or times out)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(REQUEST_TIMEOUT + 5)

    def wait_for(self, condition: Any, timeout: float = 10.0) -> None:
        """Wait until ``condition(outcomes)`` is true; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not condition(self.snapshot()):
            assert time.monotonic() < deadline, f"the load did not get there in {timeout}s: {figures(self.snapshot())}"
            time.sleep(0.05)

    def snapshot(self) -> list[Outcome]:
        """The outcomes so far."""
        with self._lock:
            return list(self.outcomes)

    def _client(self, index: int) -> None:
        servers: list[str] = []
        for n in range(self._requests_per_thread):
            if self._stop.is_set() or time.monotonic() > self._deadline:
                return
            name = f"{self.tag}-{index}-{n}"
            kind = ("server", "metadata", "keypair")[n % 3]
            if kind == "server" or not servers:
                outcome = self._call("server", name, None, "POST", "/v2.1/servers", {"server": {
                    "name": name, "flavorRef": "1", "imageRef": IMAGE_ID, "metadata": {"origin": name}}})
                if outcome.acknowledged:
                    servers.append(outcome.server_id)
            elif kind == "metadata":
                server_id, key = servers[n % len(servers)], f"k{n % 2}"
                self._call("metadata", f"{server_id} {key}", name, "POST", f"/v2.1/servers/{server_id}/metadata",
                           {"metadata": {key: name}})
            else:
                self._call("keypair", name, None, "POST", "/v2.1/os-keypairs",
                           {"keypair": {"name": name, "public_key": PUBLIC_KEY}})

    def _call(self, kind: str, key: str, value: str | None, method: str, path: str, body: Any) -> Outcome:
        started = time.monotonic()
        status = server_id = problem = None
        try:
            response = request(self.base_url, method, path, body, self.token, timeout=REQUEST_TIMEOUT)
        except TimeoutError:
            problem = "timeout"
        except ConnectionRefusedError:
            problem = "refused"
        except LOST:
            problem = "lost"
        else:
            status = response.status
            problem = answer_problem(response)
            if kind == "server" and status == 202:
                server_id = response.json["server"]["id"]
        outcome = Outcome(kind, key, value, status, problem, started, time.monotonic(), server_id)
        with self._lock:
            self.outcomes.append(outcome)
        return outcome


def answer_problem(response: Any) -> str | None:
    """What is wrong with an answer of the load: None for a 2xx, or a 503 fault with ``Retry-After``."""
    if 200 <= response.status < 300:
        return None
    if response.status == 503 and response.headers.get("Retry-After") \
            and list(response.json) == ["serviceUnavailable"]:
        return None
    return f"{response.status}: {response.body[:300]!r}"


def figures(outcomes: list[Outcome], fault_ended: float | None = None) -> dict[str, Any]:
    """Requests, answers by status (or why none came), and seconds from ``fault_ended`` to the
    first acknowledged request sent after it."""
    answers = Counter(str(o.status) if o.status is not None else o.problem for o in outcomes)
    result: dict[str, Any] = {"requests": len(outcomes), "answers": dict(sorted(answers.items()))}
    if fault_ended is not None:
        first = min((o.ended for o in outcomes if o.acknowledged and o.started >= fault_ended), default=None)
        result["recovery_s"] = None if first is None else round(first - fault_ended, 3)
    return result


def assert_answered(outcomes: list[Outcome], *, lost_at_most: int = 0) -> None:
    """Every request got a proper answer in time; at most ``lost_at_most`` lost their connection."""
    bad = [o for o in outcomes if o.problem not in (None, "lost")]
    assert not bad, f"{len(bad)} requests without a proper answer, e.g. {bad[:3]}"
    lost = [o for o in outcomes if o.problem == "lost"]
    assert len(lost) <= lost_at_most, f"{len(lost)} answers lost (at most {lost_at_most} expected): {lost[:3]}"


def check_writes(load: Workload, database: BreakableDatabase) -> dict[str, int]:
    """Assert that the database holds exactly what the load's answers allow; return counts."""
    outcomes = load.snapshot()
    servers = {row.name: row for row in database.rows(
        "SELECT id, name, vcpus, memory_mb FROM servers WHERE project_id = :project AND NOT deleted",
        project=load.project)}
    _check_names("server", outcomes, set(servers))
    items = {(row.server_id, row.key): row.value for row in database.rows(
        "SELECT m.server_id, m.key, m.value FROM server_metadata m JOIN servers s ON s.id = m.server_id "
        "WHERE s.project_id = :project", project=load.project)}
    half = [name for name, row in servers.items() if items.pop((row.id, "origin"), None) != name]
    assert not half, f"servers without the metadata their create request wrote: {half}"
    _check_metadata(outcomes, items)
    orphans = database.rows("SELECT COUNT(*) AS n FROM server_metadata m LEFT JOIN servers s ON s.id = m.server_id "
                            "WHERE s.id IS NULL")[0].n
    assert orphans == 0, f"{orphans} metadata rows of servers that do not exist"
    keypairs = {row.name for row in database.rows("SELECT name FROM keypairs WHERE user_id = :user", user=load.user)}
    _check_names("keypair", outcomes, keypairs)

    usage = request(load.base_url, "GET", "/v2.1/limits", headers=load.token, timeout=REQUEST_TIMEOUT).json
    absolute = usage["limits"]["absolute"]
    rows = servers.values()
    assert (absolute["totalInstancesUsed"], absolute["totalCoresUsed"], absolute["totalRAMUsed"]) == (
        len(rows), sum(row.vcpus for row in rows), sum(row.memory_mb for row in rows)), absolute
    return {"servers": len(servers), "metadata_items": len(items), "keypairs": len(keypairs),
            "unanswered_writes_present": sum(1 for o in outcomes if o.may_have_written and not o.acknowledged
                                             and (o.key in servers or o.key in keypairs))}


def _check_names(kind: str, outcomes: list[Outcome], present: set[str]) -> None:
    acknowledged = {o.key for o in outcomes if o.kind == kind and o.acknowledged}
    possible = acknowledged | {o.key for o in outcomes if o.kind == kind and o.may_have_written}
    missing = acknowledged - present
    assert not missing, f"{len(missing)} acknowledged {kind} creates are missing: {sorted(missing)[:5]}"
    unexplained = present - possible
    assert not unexplained, f"{kind}s no request may have created: {sorted(unexplained)[:5]}"


def _check_metadata(outcomes: list[Outcome], present: dict[tuple[str, str], str]) -> None:
    """Each item holds the value of its last acknowledged write, or of a later unanswered one."""
    writes: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in sorted((o for o in outcomes if o.kind == "metadata"), key=lambda o: o.started):
        server_id, key = outcome.key.split(" ")
        writes[(server_id, key)].append(outcome)
    unexplained = set(present) - set(writes)
    assert not unexplained, f"metadata items no request wrote: {sorted(unexplained)[:5]}"
    for item, history in writes.items():
        acknowledged = [i for i, o in enumerate(history) if o.acknowledged]
        since = acknowledged[-1] if acknowledged else 0
        allowed = {None} if not acknowledged else set()
        allowed.update(o.value for o in history[since:] if o.acknowledged or o.may_have_written)
        assert present.get(item) in allowed, f"metadata {item} is {present.get(item)!r}, expected one of {allowed}"

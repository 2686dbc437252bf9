"""Client side: apiframe.client beside openstacksdk and a bare keystoneauth1 Adapter, on one served API.

One ``apiframe-api serve`` process (development auth, a fresh SQLite database) answers
three clients doing the same calls:

* ``keystoneauth1 Adapter`` — a Session with a fixed token and endpoint, an Adapter,
  the request written by hand (the microversion header, ``.json()``); the floor;
* ``apiframe.client`` — ``Connection(endpoint=..., token=...)``, ``conn.compute``;
* ``openstacksdk`` — ``openstack.connect(auth_type="none", compute_endpoint_override=...)``.

Cold start: a fresh interpreter per run imports the client, connects and lists the
flavors (with details); the child reports its wall time from before the first import
and CPU time and its peak RSS (CPU time is what a busy shared machine does not
inflate). Per call: one process sets the three clients up and fetches flavor
``1`` with each in interleaved rounds; the median time per ``get_flavor``, as a ratio
to the Adapter and as the microseconds a client adds to it. Every call asks for
microversion 2.61 (the highest openstacksdk's Flavor knows), so the answers are equal.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import report

TOKEN = "admin:admin"
VERSION = "2.61"
BARE = "keystoneauth1 Adapter"
APIFRAME = "apiframe.client"
SDK = "openstacksdk"

#: How each client connects and lists flavors; ``URL`` is the service root. Each defines get_flavor().
CLIENTS = {
    BARE: f"""
from keystoneauth1 import adapter, session, token_endpoint
api = adapter.Adapter(session.Session(auth=token_endpoint.Token(URL, {TOKEN!r})), service_type="compute",
                      endpoint_override=URL + "/v2.1")
HEADERS = {{"OpenStack-API-Version": "compute {VERSION}"}}
flavors = api.get("/flavors/detail", headers=HEADERS).json()["flavors"]
def get_flavor():
    return api.get("/flavors/1", headers=HEADERS).json()["flavor"]
""",
    APIFRAME: f"""
from apiframe.client import Connection
conn = Connection(endpoint=URL, token={TOKEN!r}, microversion={VERSION!r})
flavors = list(conn.compute.flavors())
def get_flavor():
    return conn.compute.get_flavor("1")
""",
    SDK: """
import openstack
conn = openstack.connect(auth_type="none", compute_endpoint_override=URL + "/v2.1", load_yaml_config=False,
                         load_envvars=False)
flavors = list(conn.compute.flavors())
def get_flavor():
    return conn.compute.get_flavor("1")
""",
}

_COLD = """
import time
_started, _cpu = time.perf_counter(), time.process_time()
URL = {url!r}
{client}
_elapsed, _cpu = time.perf_counter() - _started, time.process_time() - _cpu
import json, re
assert len(flavors) == 5, flavors
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would report the parent's.
with open("/proc/self/status") as status:
    peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
print(json.dumps({{"seconds": _elapsed, "cpu": _cpu, "rss_kib": peak}}))
"""

_PER_CALL = """
import json, time
URL = {url!r}
calls = {{}}
{clients}
times = {{name: [] for name in calls}}
for call in calls.values():
    call()
for _ in range({rounds}):
    for name, call in calls.items():  # interleaved, so a busy moment hurts every client alike
        started = time.perf_counter()
        for _ in range({batch}):
            call()
        times[name].append((time.perf_counter() - started) / {batch})
print(json.dumps(times))
"""


def _per_call_code(url: str, names: list[str], rounds: int, batch: int) -> str:
    """One child that sets every client up, each in a namespace of its own, and times them in turn."""
    setups = []
    for index, name in enumerate(names):
        setups.append(f"ns{index} = {{'URL': URL}}\nexec({CLIENTS[name]!r}, ns{index})\n"
                      f"calls[{name!r}] = ns{index}['get_flavor']")
    return _PER_CALL.format(url=url, clients="\n".join(setups), rounds=rounds, batch=batch)


@dataclass(frozen=True)
class ClientSettings:
    """How many fresh interpreters, rounds and calls per round."""

    cold_runs: int
    rounds: int
    batch: int


@dataclass(frozen=True)
class ClientFigures:
    """One client's figures: cold start (median seconds, peak RSS MiB) and µs per get_flavor."""

    cold_s: float
    cold_cpu_s: float
    rss_mib: float
    per_call_us: float


ClientResult = dict[str, ClientFigures]


@contextmanager
def served_api() -> Iterator[str]:
    """``apiframe-api serve`` on a free loopback port with development auth; yields its root URL."""
    with tempfile.TemporaryDirectory(prefix="apiframe-bench-client-") as workdir:
        conf = Path(workdir) / "apiframe.conf"
        conf.write_text(f"[database]\ndata_dir = {workdir}/data\n[auth]\nstrategy = noauth\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OS_", "APIFRAME_"))}
        log = Path(workdir) / "out.txt"
        with open(log, "w") as out:
            process = subprocess.Popen([str(Path(sys.executable).parent / "apiframe-api"), "serve", "--host",
                                        "127.0.0.1", "--port", "0", "--workers", "1", "--config-file", str(conf)],
                                       stdout=out, stderr=subprocess.STDOUT, env=env, cwd=workdir,
                                       start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while not (match := re.search(r"listening on (http://[^\s,]+)", log.read_text())):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"apiframe-api did not start:\n{log.read_text()}")
                time.sleep(0.05)
            yield match.group(1)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)


def _child(code: str) -> str:
    # Installed packages run from compiled bytecode; an environment that forbids writing it
    # would charge apiframe (installed in development mode) a compile on every start.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OS_", "APIFRAME_")) and k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def available() -> list[str]:
    """The clients importable here (openstacksdk is optional)."""
    names = [BARE, APIFRAME]
    try:
        import openstack  # noqa: F401
    except ImportError:
        return names
    return [*names, SDK]


def run(settings: ClientSettings) -> ClientResult:
    """Measure every available client against one served API."""
    clients = available()
    cold: dict[str, list[dict[str, float]]] = {name: [] for name in clients}
    with served_api() as url:
        for name in clients:  # not counted: writes bytecode and fills the OS's file cache
            _child(_COLD.format(url=url, client=CLIENTS[name]))
        for _ in range(settings.cold_runs):
            for name in clients:  # interleaved, so a busy moment hurts every client alike
                cold[name].append(json.loads(_child(_COLD.format(url=url, client=CLIENTS[name]))))
        calls = json.loads(_child(_per_call_code(url, clients, settings.rounds, settings.batch)))
    return {name: ClientFigures(cold_s=report.median([r["seconds"] for r in cold[name]]),
                                cold_cpu_s=report.median([r["cpu"] for r in cold[name]]),
                                rss_mib=report.median([r["rss_kib"] for r in cold[name]]) / 1024,
                                per_call_us=report.median(calls[name]) * 1e6)
            for name in clients}


def render(result: ClientResult) -> str:
    """The table of one run, ratios against the bare Adapter."""
    bare = result.get(BARE)
    rows = [[name, report.number(f.cold_s, 3), report.ratio(f.cold_s, bare and bare.cold_s),
             report.number(f.cold_cpu_s, 3), report.ratio(f.cold_cpu_s, bare and bare.cold_cpu_s),
             report.number(f.rss_mib, 1), report.number(f.per_call_us, 0),
             report.ratio(f.per_call_us, bare and bare.per_call_us),
             report.number(f.per_call_us - bare.per_call_us, 0) if bare else report.NOT_AVAILABLE]
            for name, f in result.items()]
    return report.table(["client", "cold start (s)", "vs Adapter", "cold start CPU (s)", "vs Adapter",
                         "peak RSS (MiB)", "µs per get_flavor",
                         "vs Adapter", "µs over Adapter"], rows)

"""HTTP runner: every stack under gunicorn (one worker) on loopback, driven by a bounded load generator.

All servers start together, each on its own free ``127.0.0.1`` port, and are
checked over HTTP before any load. Then each round drives every (stack, endpoint)
pair for a fixed time, the stack order rotating from round to round; the figures
are medians over rounds. The worker class is ``gthread`` so that connections stay
alive between requests, as they do behind a load balancer.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import loadgen, report, workload
from benchmarks.stacks import BASELINE, Stack

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class HTTPSettings:
    """How long and how hard the HTTP run drives each server."""

    rounds: int
    seconds: float
    max_requests: int
    connections: int
    loadgen: str  # "wrk", "python" or "auto" (wrk when installed)

    @property
    def use_wrk(self) -> bool:
        """Whether this run drives the servers with wrk."""
        if self.loadgen == "wrk" and loadgen.wrk_path() is None:
            raise RuntimeError("--loadgen wrk asked for, but wrk is not installed")
        return self.loadgen == "wrk" or (self.loadgen == "auto" and loadgen.wrk_path() is not None)

    def describe(self) -> str:
        """One line saying how the load was generated."""
        if self.use_wrk:
            tool = f"wrk (1 thread, {self.connections} connections, {max(1, round(self.seconds))} s per run)"
        else:
            tool = (f"Python generator ({self.connections} keep-alive connections, at most "
                    f"{self.max_requests} requests or {self.seconds} s per run)")
        return (f"gunicorn, 1 gthread worker with {self.connections} threads, on {HOST}; load: {tool}; "
                f"{self.rounds} round(s), medians over rounds.")


HTTPResult = dict[str, dict[str, tuple[float, float]]]
"""Median requests/s and p99 ms, by stack name and endpoint name."""


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(stack: Stack, threads: int) -> Iterator[int]:
    """Run ``stack`` under gunicorn until the block ends; yield its port."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", "gthread",
               "--threads", str(threads), "--bind", f"{HOST}:{port}", "--log-level", "warning",
               "--chdir", str(ROOT), f"{stack.module_name}:application"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_listening(process, port, log)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_listening(process: subprocess.Popen, port: int, log: object) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {log.read().decode(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.05)
    raise RuntimeError(f"gunicorn did not listen on {HOST}:{port} within {START_TIMEOUT} s")


def fetch(port: int, spec: workload.RequestSpec) -> tuple[int, dict[str, str], bytes]:
    """Send one request over HTTP; return status, headers and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request(spec.method, spec.path, body=spec.body or None, headers=dict(spec.headers))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def verify(port: int) -> None:
    """Check a served stack answers every measured and probe request correctly."""
    for spec in [*workload.measured_requests().values(), *workload.probe_requests(workload.extra_routes())]:
        workload.check_response(spec, *fetch(port, spec))


def _drive(port: int, spec: workload.RequestSpec, settings: HTTPSettings) -> loadgen.LoadResult:
    if settings.use_wrk:
        return loadgen.run_wrk(HOST, port, spec, connections=settings.connections, seconds=settings.seconds)
    return loadgen.run_python(HOST, port, spec, connections=settings.connections,
                              max_requests=settings.max_requests, seconds=settings.seconds)


def run(stacks: Sequence[Stack], settings: HTTPSettings) -> HTTPResult:
    """Serve every available stack, verify it, then drive it round by round."""
    available = [stack for stack in stacks if stack.module is not None]
    requests = workload.measured_requests()
    samples: dict[str, dict[str, list[loadgen.LoadResult]]] = {
        stack.name: {endpoint: [] for endpoint in workload.ENDPOINTS} for stack in available}
    with contextlib.ExitStack() as servers:
        ports = {stack.name: servers.enter_context(serve(stack, settings.connections)) for stack in available}
        for port in ports.values():
            verify(port)
        order = list(ports)
        for round_index in range(settings.rounds):
            shift = round_index % len(order)
            for name in order[shift:] + order[:shift]:
                for endpoint in workload.ENDPOINTS:
                    result = _drive(ports[name], requests[endpoint], settings)
                    if result.errors or not result.requests:
                        raise RuntimeError(f"{name} {endpoint}: {result.errors} errors in "
                                           f"{result.requests} requests over HTTP")
                    samples[name][endpoint].append(result)
    return {name: {endpoint: (report.median([r.per_second for r in results]),
                              report.median([r.p99_ms for r in results]))
                   for endpoint, results in by_endpoint.items()}
            for name, by_endpoint in samples.items()}


def render(stacks: Sequence[Stack], result: HTTPResult) -> str:
    """The HTTP table: requests/s, ratio to raw and p99 per endpoint."""
    headers = ["stack"]
    for endpoint in workload.ENDPOINTS:
        headers += [f"{workload.ENDPOINT_TITLES[endpoint]} req/s", "x raw", "p99 ms"]
    baseline = result.get(BASELINE, {})
    rows = []
    for stack in stacks:
        measured = result.get(stack.name)
        row = [stack.label]
        for endpoint in workload.ENDPOINTS:
            rps, p99 = measured[endpoint] if measured else (None, None)
            reference = baseline.get(endpoint, (None, None))[0]
            row += [report.number(rps, 0), report.ratio(rps, reference), report.number(p99, 2)]
        rows.append(row)
    return report.table(headers, rows)

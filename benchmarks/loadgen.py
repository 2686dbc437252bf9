"""Bounded HTTP load generators for loopback servers: ``wrk`` when installed, else Python.

Both keep ``connections`` keep-alive connections busy sending one prepared request
and report requests per second and the 99th-percentile latency. Both stop by
themselves: wrk after its duration, the Python generator after ``max_requests`` or
its duration, whichever comes first. Only loopback addresses are accepted.
"""

from __future__ import annotations

import ipaddress
import itertools
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

from benchmarks import report, workload


@dataclass(frozen=True)
class LoadResult:
    """What one bounded run measured."""

    requests: int
    seconds: float
    p99_ms: float
    errors: int

    @property
    def per_second(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str | None:
    """The ``wrk`` executable, if installed."""
    return shutil.which("wrk")


def _check_loopback(host: str) -> None:
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"refusing to send load to {host}: only loopback addresses are allowed")


def encode_request(spec: workload.RequestSpec, host: str, port: int) -> bytes:
    """The raw HTTP/1.1 bytes of ``spec`` on a keep-alive connection."""
    lines = [f"{spec.method} {spec.path} HTTP/1.1", f"Host: {host}:{port}",
             *(f"{name}: {value}" for name, value in spec.headers.items())]
    if spec.body or spec.method == "POST":
        lines.append(f"Content-Length: {len(spec.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + spec.body


class ProtocolError(ConnectionError):
    """The server closed the connection early or answered without ``Content-Length``."""


def _read_response(sock: socket.socket, buffer: bytes) -> tuple[int, bytes]:
    """Read one response; return its status and the bytes that follow it."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProtocolError("connection closed before a full response")
        buffer += chunk
    head, _, rest = buffer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = next((int(line.split(b":", 1)[1]) for line in lines[1:]
                   if line[:15].lower() == b"content-length:"), None)
    if length is None:
        raise ProtocolError("response without Content-Length")
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProtocolError("connection closed inside a response body")
        rest += chunk
    return status, rest[length:]


def run_python(host: str, port: int, spec: workload.RequestSpec, *, connections: int,
               max_requests: int, seconds: float) -> LoadResult:
    """Drive the server from ``connections`` threads, each on one keep-alive socket."""
    _check_loopback(host)
    payload = encode_request(spec, host, port)
    tickets = itertools.count()  # next() on it is atomic under the GIL: a shared request budget
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.perf_counter() + seconds

    def drive(slot: int) -> None:
        recorded = latencies[slot]
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            buffer = b""
            while next(tickets) < max_requests and time.perf_counter() < deadline:
                started = time.perf_counter()
                sock.sendall(payload)
                try:
                    status, buffer = _read_response(sock, buffer)
                except (ProtocolError, OSError):
                    errors[slot] += 1
                    return
                recorded.append(time.perf_counter() - started)
                if status != spec.expected_status:
                    errors[slot] += 1

    threads = [threading.Thread(target=drive, args=(slot,), daemon=True) for slot in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed = time.perf_counter() - started
    merged = [value for per_thread in latencies for value in per_thread]
    p99 = report.percentile(merged, 0.99) * 1000 if merged else 0.0
    return LoadResult(len(merged), elapsed, p99, sum(errors))


_WRK_SCRIPT = """
wrk.method = {method}
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %.1f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status, latency:percentile(99)))
end
"""


def _lua_string(text: str) -> str:
    return f"[==[{text}]==]"


def run_wrk(host: str, port: int, spec: workload.RequestSpec, *, connections: int,
            seconds: float) -> LoadResult:
    """Drive the server with wrk (one thread, ``connections`` connections, whole seconds)."""
    _check_loopback(host)
    headers = "\n".join(f"wrk.headers[ {_lua_string(name)} ] = {_lua_string(value)}"
                        for name, value in spec.headers.items())
    script = _WRK_SCRIPT.format(method=_lua_string(spec.method), body=_lua_string(spec.body.decode()),
                                headers=headers)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script_file:
        script_file.write(script)
        script_file.flush()
        command = [wrk_path() or "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                   "--timeout", "10s", "-s", script_file.name, f"http://{host}:{port}{spec.path}"]
        output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    line = next((line for line in output.stdout.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary: {output.stdout}{output.stderr}")
    count, duration_us, errors, p99_us = line.split()[1:]
    return LoadResult(int(count), int(duration_us) / 1e6, float(p99_us) / 1000, int(errors))

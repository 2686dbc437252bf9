"""``apiframe-api`` as a real process, for the tests that talk to the service over HTTP.

:class:`Service` starts the console script in a session of its own with its output in
files, waits for the "listening on" line of the banner (so ``--port 0`` works) and kills
whatever is left at the end; :func:`script` finds the console scripts of this environment.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BIN = Path(sys.executable).parent
LISTENING = re.compile(r"listening on (http://[^\s,]+)")
TOKEN = {"X-Auth-Token": "alice:p1"}


def client_env(home: Path) -> dict[str, str]:
    """This environment without OpenStack or apiframe settings, with a home of its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OS_", "APIFRAME_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    return env


def script(name: str) -> str:
    """The path of an installed console script of this environment."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in {BIN}; install the package (pip install -e .)")
    return str(path)


@dataclass
class Response:
    """What a request to the service got back."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def json(self):
        """The body, decoded."""
        return json.loads(self.body)


def request(base_url: str, method: str, path: str, body: object = None, headers: dict | None = None,
            timeout: float = 60) -> Response:
    """One HTTP request to ``base_url`` (``http://host:port``) on a new connection; JSON ``body``."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body)
        all_headers = {**({"Content-Type": "application/json"} if payload else {}), **(headers or {})}
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


class Service:
    """An ``apiframe-api`` process in its own session, with its output in files."""

    def __init__(self, args: list[str], env: dict[str, str], workdir: Path) -> None:
        self.workdir = workdir
        self.stdout_path = workdir / "stdout.txt"
        self.stderr_path = workdir / "stderr.txt"
        with open(self.stdout_path, "w") as out, open(self.stderr_path, "w") as err:
            self.process = subprocess.Popen([script("apiframe-api"), *args], stdout=out, stderr=err,
                                            env=env, cwd=workdir, start_new_session=True)
        self.url = ""

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def wait_ready(self, timeout: float = 60) -> Service:
        """Wait for the "listening on" line; fail with the output if the process exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = LISTENING.search(self.stdout)
            if match:
                self.url = match.group(1)
                return self
            if self.process.poll() is not None:
                pytest.fail(f"apiframe-api exited with {self.process.returncode}:\n{self.stdout}\n{self.stderr}")
            time.sleep(0.05)
        pytest.fail(f"apiframe-api did not start within {timeout}s:\n{self.stdout}\n{self.stderr}")

    def request(self, method: str, path: str, body: object = None, headers: dict | None = None,
                timeout: float = 60) -> Response:
        """One HTTP request on a new connection, as ``alice:p1`` unless ``headers`` say otherwise."""
        return request(self.url, method, path, body, {**TOKEN, **(headers or {})}, timeout)

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the master process."""
        self.process.send_signal(signum)

    def interrupt(self) -> None:
        """What Ctrl-C in a terminal does: SIGINT to every process of the group."""
        os.killpg(self.process.pid, signal.SIGINT)

    def wait(self, timeout: float = 60) -> int:
        """The exit status, once the process has ended."""
        return self.process.wait(timeout)

    def kill(self) -> None:
        """Stop whatever is left of this service's process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

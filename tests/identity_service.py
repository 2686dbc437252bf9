"""A real keystone for the tests: SQLite, fernet tokens, ``keystone-manage bootstrap``, served by gunicorn.

keystone lives in a virtualenv of its own (``tools/keystone-venv.sh``; ``KEYSTONE_VENV``,
default ``.keystone-venv``), so its pinned dependencies never meet apiframe's; tests
that need it skip when it is not installed. :class:`Keystone` sets up a fresh service
in a directory, starts it on a free loopback port and adds what tests need: projects,
users with roles, services and endpoints in the catalog.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
WSGI_DIR = Path(__file__).resolve().parent / "identity"
ADMIN_PASSWORD = "admin-secret"
REGION = "RegionOne"


def keystone_venv() -> Path:
    """The keystone virtualenv; skips the test when keystone is not installed."""
    venv = Path(os.environ.get("KEYSTONE_VENV", ROOT / ".keystone-venv"))
    if not (venv / "bin" / "keystone-manage").exists() or not (venv / "bin" / "gunicorn").exists():
        pytest.skip(f"keystone is not installed in {venv} (run tools/keystone-venv.sh)")
    return venv


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Keystone:
    """One keystone service with its own database, keys and log, in ``workdir``."""

    def __init__(self, workdir: Path) -> None:
        self.venv = keystone_venv()
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.auth_url = f"{self.url}/v3"
        self.conf = workdir / "keystone.conf"
        self.log = workdir / "keystone.log"
        self.process: subprocess.Popen | None = None
        self._token: str | None = None

    def _manage(self, *args: str) -> None:
        result = subprocess.run([str(self.venv / "bin" / "keystone-manage"), "--config-file", str(self.conf), *args],
                                capture_output=True, text=True, cwd=self.workdir, timeout=300)
        if result.returncode != 0:
            pytest.fail(f"keystone-manage {args[0]} failed:\n{result.stderr[-3000:]}")

    def start(self) -> Keystone:
        """Write the configuration, create and bootstrap the database, serve it; wait until it answers."""
        keys = self.workdir / "fernet-keys"
        credentials = self.workdir / "credential-keys"
        keys.mkdir()
        credentials.mkdir()
        self.conf.write_text(f"[database]\nconnection = sqlite:///{self.workdir / 'keystone.db'}\n"
                             f"[token]\nprovider = fernet\n[fernet_tokens]\nkey_repository = {keys}\n"
                             f"[fernet_receipts]\nkey_repository = {keys}\n"
                             f"[credential]\nkey_repository = {credentials}\n")
        user = os.environ.get("USER") or "root"
        self._manage("db_sync")
        self._manage("fernet_setup", "--keystone-user", user, "--keystone-group", user)
        self._manage("credential_setup", "--keystone-user", user, "--keystone-group", user)
        # keystonemiddleware looks for the internal identity endpoint, so register all three.
        self._manage("bootstrap", "--bootstrap-password", ADMIN_PASSWORD, "--bootstrap-public-url", self.auth_url,
                     "--bootstrap-internal-url", self.auth_url, "--bootstrap-admin-url", self.auth_url,
                     "--bootstrap-region-id", REGION)
        env = {**os.environ, "OS_KEYSTONE_CONFIG_FILES": str(self.conf), "PYTHONPATH": str(WSGI_DIR)}
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [str(self.venv / "bin" / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                 "keystone_wsgi:application"], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.workdir,
                start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"keystone exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if requests.get(self.auth_url, timeout=30).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        pytest.fail(f"keystone did not answer within 120 s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the gunicorn master and its workers."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    # --- the identity API, as the bootstrap administrator ------------------------------------

    def token(self, user: str = "admin", password: str = ADMIN_PASSWORD, project: str = "admin") -> str:
        """A project-scoped token of ``user``."""
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}},
            "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
        response = requests.post(f"{self.auth_url}/auth/tokens", json=body, timeout=30)
        assert response.status_code == 201, response.text
        return response.headers["X-Subject-Token"]

    def _admin(self, method: str, path: str, body: dict | None = None) -> dict:
        if self._token is None:
            self._token = self.token()
        response = requests.request(method, f"{self.auth_url}{path}", json=body, timeout=30,
                                    headers={"X-Auth-Token": self._token})
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else {}

    def _role_id(self, name: str) -> str:
        return next(r["id"] for r in self._admin("GET", f"/roles?name={name}")["roles"])

    def add_project(self, name: str) -> str:
        """Create a project in the default domain; returns its id."""
        return self._admin("POST", "/projects", {"project": {"name": name, "domain_id": "default"}})["project"]["id"]

    def add_user(self, name: str, password: str, project_id: str, roles: tuple[str, ...] = ("member",)) -> str:
        """Create a user with ``roles`` on a project; returns its id."""
        user_id = self._admin("POST", "/users", {"user": {"name": name, "password": password,
                                                          "domain_id": "default"}})["user"]["id"]
        for role in roles:
            self._admin("PUT", f"/projects/{project_id}/users/{user_id}/roles/{self._role_id(role)}")
        return user_id

    def add_application_credential(self, token: str, user_id: str, name: str) -> dict:
        """An application credential of the user whose ``token`` is given (its ``id`` and ``secret``)."""
        response = requests.post(f"{self.auth_url}/users/{user_id}/application_credentials", timeout=30,
                                 json={"application_credential": {"name": name}}, headers={"X-Auth-Token": token})
        assert response.status_code == 201, response.text
        return response.json()["application_credential"]

    def add_endpoint(self, service_type: str, url: str, name: str) -> None:
        """Register a service and its public, internal and admin endpoints in the catalog."""
        service = self._admin("POST", "/services", {"service": {"type": service_type, "name": name}})["service"]
        for interface in ("public", "internal", "admin"):
            self._admin("POST", "/endpoints", {"endpoint": {"service_id": service["id"], "interface": interface,
                                                            "url": url, "region_id": REGION}})

"""Every server configuration docs/deployment.md shows, started as shown and asked for flavors.

Each test takes the blocks of one section of the guide, changes only the address (a free
port on 127.0.0.1), the paths (a throw-away directory, this virtualenv) and the user, runs
its commands (``apiframe-manage db sync`` against a new SQLite database, then the server),
requests ``GET /v2.1/`` and ``GET /v2.1/flavors`` and stops the server.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from service_process import script

GUIDE = Path(__file__).parents[3] / "docs" / "deployment.md"
DOC_PORT = "127.0.0.1:8774"
DOC_CONF = "/etc/apiframe/apiframe.conf"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
APACHE_USER = "www-data"


def guide_blocks(section: str) -> list[tuple[str, str]]:
    """``(language, text)`` of each fenced block under the heading ``section`` of the guide."""
    text = GUIDE.read_text()
    start = text.index(f"\n### {section}\n")
    end = text.find("\n#", start + 1)
    body = text[start:end if end > 0 else None]
    return re.findall(r"^```(\w*)\n(.*?)^```$", body, re.M | re.S)


def block(section: str, language: str) -> str:
    """The one block of ``language`` in ``section``."""
    found = [text for lang, text in guide_blocks(section) if lang == language]
    assert len(found) == 1, f"expected one {language} block under '### {section}'"
    return found[0]


def commands(section: str) -> list[list[str]]:
    """The console commands of ``section`` (``$`` lines with their continuation lines), split."""
    console = block(section, "console").replace("\\\n", " ")
    return [shlex.split(line[2:]) for line in console.splitlines() if line.startswith("$ ")]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Deployment:
    """A throw-away directory with apiframe.conf (SQLite database inside) and a port for a server."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.conf = root / "apiframe.conf"
        self.conf.write_text(f"[database]\ndata_dir = {root / 'data'}\n")
        self.log = root / "server.log"
        self.process: subprocess.Popen | None = None

    def substitute(self, text: str, **more: str) -> str:
        """``text`` of the guide with this deployment's address, configuration file and ``more``."""
        for old, new in {DOC_PORT: self.address, DOC_CONF: str(self.conf), **more}.items():
            text = text.replace(old, new)
        return text

    def run(self, argv: list[str]) -> subprocess.CompletedProcess | None:
        """Run a command of the guide: to completion, or in the background for the server.

        Leading ``NAME=value`` words are environment variables; programs are this
        environment's console scripts, or absolute paths.
        """
        env = {key: value for key, value in os.environ.items() if not key.startswith("APIFRAME_")}
        env["APIFRAME_CONFIG_FILE"] = str(self.conf)
        while "=" in argv[0]:
            name, _, value = argv.pop(0).partition("=")
            env[name] = value
        program = argv[0] if os.path.isabs(argv[0]) else script(argv[0])
        if argv[0] == "apiframe-manage":
            return subprocess.run([program, *argv[1:]], env=env, cwd=self.root, capture_output=True, text=True,
                                  timeout=120, check=True)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([program, *argv[1:]], env=env, cwd=self.root, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        return None

    def get(self, path: str) -> tuple[int, dict]:
        """``GET path`` with the development token: status and JSON body."""
        request = urllib.request.Request(f"http://{self.address}{path}", headers={"X-Auth-Token": "admin:admin"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, {"body": error.read().decode(errors="replace")}

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until the server answers ``GET /v2.1/``."""
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited:\n{self.log.read_text()}"
            try:
                status, _ = self.get("/v2.1/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"the server did not answer within {timeout}s:\n{self.log.read_text()}")

    def assert_serves(self) -> None:
        """The version document and the flavors list, as an admin."""
        self.wait_ready()
        status, version = self.get("/v2.1/")
        assert status == 200 and version["version"]["id"] == "v2.1", version
        status, flavors = self.get("/v2.1/flavors")
        assert status == 200, flavors
        assert "m1.tiny" in [flavor["name"] for flavor in flavors["flavors"]]

    def stop(self) -> int | None:
        """SIGTERM the server and return its exit status; kill what is left after 30 s."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


@pytest.fixture
def deployment():
    """A :class:`Deployment` in a directory others may read (Apache's daemons run as another user)."""
    root = Path(tempfile.mkdtemp(prefix="apiframe-deploy-"))
    root.chmod(0o755)
    deployed = Deployment(root)
    yield deployed
    deployed.stop()
    shutil.rmtree(root, ignore_errors=True)


def run_section(deployment: Deployment, section: str, **more: str) -> None:
    """Run the console commands of ``section``: installs are .ci/run's business, the rest run here."""
    for argv in commands(section):
        if argv[0] != "apt-get":
            deployment.run([deployment.substitute(word, **more) for word in argv])


def test_gunicorn_as_documented(deployment):
    run_section(deployment, "gunicorn")
    deployment.assert_serves()
    assert deployment.stop() == 0
    assert "apiframe.access" in deployment.log.read_text()


def test_uwsgi_as_documented(deployment):
    ini = deployment.root / "uwsgi.ini"
    ini.write_text(deployment.substitute(block("uWSGI", "ini")))
    run_section(deployment, "uWSGI", **{"/etc/apiframe/uwsgi.ini": str(ini)})
    deployment.assert_serves()
    # Every worker loads the application (a stop while one still loads would fail it).
    processes = int(re.search(r"^processes = (\d+)$", ini.read_text(), re.M).group(1))
    deadline = time.monotonic() + 60
    while deployment.log.read_text().count("WSGI app 0 (mountpoint='') ready") < processes:
        assert time.monotonic() < deadline and "unable to load app" not in deployment.log.read_text(), \
            deployment.log.read_text()
        time.sleep(0.1)
    assert deployment.stop() == 0


def test_uwsgi_stops_on_a_misconfiguration(deployment):
    ini = deployment.root / "uwsgi.ini"
    ini.write_text(deployment.substitute(block("uWSGI", "ini"), **{DOC_CONF: str(deployment.root / "nowhere")}))
    deployment.run([script("uwsgi"), "--ini", str(ini)])
    assert deployment.process.wait(60) != 0
    assert "configuration file not found" in deployment.log.read_text()


def mod_wsgi_unusable() -> str | None:
    """Why Debian's Apache mod_wsgi cannot serve this environment's code here, or None."""
    module = APACHE_MODULES / f"mod_wsgi.so-{sys.version_info.major}.{sys.version_info.minor}"
    if not (os.path.exists(APACHE) and module.exists()):
        return f"apache2 and libapache2-mod-wsgi-py3 for Python {sys.version_info.major}.{sys.version_info.minor} " \
               "are not installed"
    return None


@pytest.mark.skipif(mod_wsgi_unusable() is not None, reason=str(mod_wsgi_unusable()))
def test_mod_wsgi_as_documented(deployment):
    user = APACHE_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    site_packages = sysconfig.get_paths()["purelib"]
    # What mod_wsgi's python-path does: add the site directory (with its .pth files) for the user.
    readable = subprocess.run(["runuser", "-u", user, "--", "/usr/bin/python3", "-c",
                               f"import site; site.addsitedir({site_packages!r}); import apiframe.deploy.wsgi"],
                              cwd="/", capture_output=True)
    if readable.returncode != 0:
        pytest.skip(f"{user} cannot import apiframe from {site_packages} with /usr/bin/python3")

    more = {f"/opt/apiframe/venv/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages":
            site_packages, "/var/www/apiframe": str(deployment.root), "user=apiframe group=apiframe":
            f"user={user} group={user}"}
    (deployment.root / "api.wsgi").write_text(deployment.substitute(block("Apache mod_wsgi", "python"), **more))
    run_section(deployment, "Apache mod_wsgi", **more)
    shutil.chown(deployment.root / "data", user, user)
    for path in (deployment.root / "data").iterdir():
        shutil.chown(path, user, user)
    httpd = deployment.root / "httpd.conf"
    httpd.write_text(apache_server_config(deployment, user) + deployment.substitute(block("Apache mod_wsgi", "apache"),
                                                                                      **more))
    deployment.run([APACHE, "-f", str(httpd), "-DFOREGROUND"])
    deployment.assert_serves()
    assert deployment.stop() == 0
    assert "apiframe.access" in (deployment.root / "error.log").read_text()


def apache_server_config(deployment: Deployment, user: str) -> str:
    """What an Apache installation puts around a site: modules, the port, files, the user."""
    modules = {"mpm_event_module": "mod_mpm_event.so", "authz_core_module": "mod_authz_core.so",
               "wsgi_module": "mod_wsgi.so"}
    return "".join(f"LoadModule {name} {APACHE_MODULES / path}\n" for name, path in modules.items()) + (
        f"ServerName 127.0.0.1\nListen {deployment.address}\nUser {user}\nGroup {user}\n"
        f"PidFile {deployment.root / 'httpd.pid'}\nErrorLog {deployment.root / 'error.log'}\n"
        f"DefaultRuntimeDir {deployment.root}\n")


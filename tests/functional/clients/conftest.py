"""Fixtures of the client tests: one real ``apiframe-api serve`` process and the clients that call it,
and one in-process compute application that apiframe.client connections reach without a socket.

The service serves the compute API's own plugins (no other installed plugin) with the
``noauth`` strategy, a fresh SQLite database, a one-second boot so that clients really
wait for ``ACTIVE``, and pages of at most two items so that every list the clients read
crosses pages. The clients see no ``clouds.yaml`` and no ``OS_*`` variable of the
environment that runs the tests.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator

import pytest
from service_process import Service, client_env, script

from apiframe.compute import plugin_names
from apiframe.compute.services import prepare_database
from apiframe.database import database_url
from apiframe.testing import AppFixture

#: Seconds a new server stays in BUILD, and a rebooting or pausing one in its transitional state.
BOOT_DELAY = 1.0
ACTION_DELAY = 0.5
PAGE_SIZE = 2


@pytest.fixture(scope="session")
def compute_service(tmp_path_factory) -> Iterator[Service]:
    """``apiframe-api serve`` on a free loopback port; stopped with SIGTERM after the session."""
    workdir = tmp_path_factory.mktemp("compute-service")
    conf = workdir / "apiframe.conf"
    conf.write_text(f"[api]\nenabled_plugins = {','.join(plugin_names())}\nmax_limit = {PAGE_SIZE}\n"
                    "response_validation = error\n"
                    f"[database]\ndata_dir = {workdir / 'data'}\n"
                    f"[compute]\nboot_delay = {BOOT_DELAY}\naction_delay = {ACTION_DELAY}\n")
    service = Service(["serve", "--host", "127.0.0.1", "--port", "0", "--config-file", str(conf)],
                      client_env(workdir), workdir).wait_ready()
    yield service
    service.process.terminate()
    try:
        assert service.wait(30) == 0, service.stderr
    finally:
        service.kill()


@pytest.fixture(scope="session")
def compute_endpoint(compute_service: Service) -> str:
    """The endpoint clients are given: the versioned root of the compute API."""
    return f"{compute_service.url}/v2.1"


@pytest.fixture(scope="session")
def sdk(compute_endpoint: str):
    """An openstacksdk connection without authentication, pointed at the service."""
    openstack = pytest.importorskip("openstack")
    connection = openstack.connect(auth_type="none", compute_endpoint_override=compute_endpoint,
                                   load_yaml_config=False, load_envvars=False)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def openstack_cli(compute_endpoint: str, tmp_path_factory):
    """Run the ``openstack`` command against the service; returns the completed process.

    ``--os-identity-api-version 3``: with ``--os-auth-type none``, ``--os-endpoint`` is the
    endpoint of every service, so the client would discover the identity API version at the
    compute endpoint (and find 2); commands that accept ``--user``/``--project`` insist on an
    identity v3 proxy even when they do not call it.
    """
    pytest.importorskip("openstackclient")
    home = tmp_path_factory.mktemp("cli-home")
    command = [script("openstack"), "--os-auth-type", "none", "--os-endpoint", compute_endpoint,
               "--os-identity-api-version", "3"]

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([*command, *args], env=client_env(home), cwd=home, capture_output=True,
                                text=True, timeout=60)
        if check:
            assert result.returncode == 0, f"openstack {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    return run


@pytest.fixture
def boot(sdk):
    """Create a server with openstacksdk (any image UUID will do: the API has no image service).

    ``networks="auto"``: from 2.37 the API requires ``networks``, and the SDK does not send it
    by itself. Servers a test leaves behind are deleted after it.
    """
    created = []

    def create(name: str, **attrs):
        server = sdk.compute.create_server(name=name, flavor_id="1", image_id=attrs.pop("image_id", str(uuid.uuid4())),
                                           networks="auto", **attrs)
        created.append(server.id)
        return server

    yield create
    for server_id in created:
        sdk.compute.delete_server(server_id, ignore_missing=True)


@pytest.fixture(scope="session")
def compute_app() -> Iterator[AppFixture]:
    """The compute API in-process (its own plugins only), pages of two, servers that settle at once."""
    fixture = AppFixture(plugin_names(), config={"api": {"max_limit": PAGE_SIZE},
                                                 "compute": {"boot_delay": 0, "action_delay": 0}},
                         prepare=lambda conf: prepare_database(database_url(conf)))
    fixture.start()
    yield fixture
    fixture.stop()


@pytest.fixture
def admin(compute_app: AppFixture):
    """An administrator's in-process connection at the negotiated (highest) microversion."""
    return compute_app.connection("admin")


@pytest.fixture
def member(compute_app: AppFixture):
    """A project member's in-process connection at the negotiated (highest) microversion."""
    return compute_app.connection("member")

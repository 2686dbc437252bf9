"""Run ``apiframe-api`` as a real service: a subprocess on a free loopback port, a temp data dir."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from service_process import Service, script

SERVICE_PLUGINS = Path(__file__).parent / "plugins"


@pytest.fixture(scope="session")
def console_script():
    """:func:`script`, for tests."""
    return script


@pytest.fixture(scope="session")
def service_plugins(install_distribution):
    """The test plugins of this folder (``naps``, ``broken``), installed with pip into a private dir."""
    return install_distribution(SERVICE_PLUGINS, "service")


@pytest.fixture
def service_env(sample_plugins, service_plugins, widgets_api):
    """Environment of a service subprocess: sample and service test plugins and the widgets API importable."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("APIFRAME_")}
    env["PYTHONPATH"] = os.pathsep.join([str(sample_plugins), str(service_plugins), str(widgets_api)])
    return env


@pytest.fixture
def write_conf(tmp_path):
    """Write an apiframe.conf in the test's directory (data_dir inside it); returns its path."""

    def write(plugins: list[str], extra: str = "") -> str:
        path = tmp_path / "apiframe.conf"
        path.write_text(f"[api]\nenabled_plugins = {','.join(plugins)}\nresponse_validation = error\n"
                        f"[database]\ndata_dir = {tmp_path / 'data'}\n{extra}")
        return str(path)

    return write


@pytest.fixture
def start_service(tmp_path, service_env):
    """Start ``apiframe-api <args>`` on a free loopback port; every service is killed at teardown."""
    started: list[Service] = []

    def start(*args: str, wait: bool = True) -> Service:
        service = Service(list(args) if "--port" in args else [*args, "--port", "0"], service_env, tmp_path)
        started.append(service)
        return service.wait_ready() if wait else service

    yield start
    for service in started:
        service.kill()


@pytest.fixture
def cli(tmp_path, service_env):
    """Run a console script (``apiframe-api``, ``apiframe-manage``) to completion, output captured."""

    def run(name: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([script(name), *args], env=service_env, cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)

    return run

"""Test-wide fixtures: plugin distributions, built and installed for real with pip, once per run; keystone."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import stevedore
from identity_service import Keystone
from pip_install import pip_install

SAMPLE_PLUGINS = Path(__file__).parent / "plugins" / "sample"
WIDGETS_API = Path(__file__).parent / "plugins" / "widgets"

InstallDistribution = Callable[[Path, str], Path]


def run_directory(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of this test run that all its xdist workers share (the run's temp dir without xdist)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return tmp_path_factory.getbasetemp()
    shared = tmp_path_factory.getbasetemp().parent / f"run-{workerinput['testrunuid']}"
    shared.mkdir(exist_ok=True)
    return shared


@pytest.fixture(scope="session")
def install_distribution(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                         ) -> InstallDistribution:
    """``install(source, name)``: pip-install the distribution in ``source`` once per test run.

    The first xdist worker to ask builds it (:func:`pip_install`, from a copy of the source)
    under a lock, and the others reuse it. Returns the directory to put on ``sys.path`` or
    ``PYTHONPATH``.
    """
    shared = run_directory(request.config, tmp_path_factory)

    def install(source: Path, name: str) -> Path:
        target = shared / f"site-{name}"
        with open(shared / f"site-{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not target.exists():
                work = Path(tempfile.mkdtemp(prefix=f"build-{name}-", dir=shared))
                os.rename(pip_install(source, work / "site"), target)
                shutil.rmtree(work)
        return target

    return install


@contextlib.contextmanager
def importable(target: Path) -> Iterator[Path]:
    """``target`` on ``sys.path`` while the block runs: what is installed there is discovered
    like any installed distribution."""
    sys.path.insert(0, str(target))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()
    try:
        yield target
    finally:
        sys.path.remove(str(target))
        stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()


@pytest.fixture(scope="session")
def sample_plugins(install_distribution: InstallDistribution):
    """The sample plugin distribution (widgets, widget-colors, gadgets), installed and on ``sys.path``."""
    with importable(install_distribution(SAMPLE_PLUGINS, "sample")) as target:
        yield target


@pytest.fixture(scope="session")
def widgets_api(install_distribution: InstallDistribution):
    """The widgets API, a service of its own type (``[api] name = widgets``) and its plugins,
    installed and on ``sys.path``."""
    with importable(install_distribution(WIDGETS_API, "widgets")) as target:
        yield target


@pytest.fixture(scope="session")
def keystone(tmp_path_factory):
    """A real keystone (see ``tests/identity_service.py``) with a ``demo`` project whose member is ``carol``.

    Skips the test when keystone is not installed. One per xdist worker that runs a
    test needing it (test modules are distributed whole, ``--dist loadscope``).
    """
    service = Keystone(tmp_path_factory.mktemp("keystone")).start()
    try:
        service.project_id = service.add_project("demo")
        service.user_id = service.add_user("carol", "carol-secret", service.project_id, ("member", "reader"))
        yield service
    finally:
        service.stop()

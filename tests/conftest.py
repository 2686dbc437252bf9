"""Test-wide fixtures: the sample plugin distribution, installed for real."""

import subprocess
import sys

import pytest
import stevedore

SAMPLE_PLUGINS = "tests/plugins/sample"


@pytest.fixture(scope="session")
def sample_plugins(tmp_path_factory):
    """Install the sample plugin distribution (with its entry points) into a private directory.

    pip builds and installs it exactly as an operator would install a plugin package; the
    directory is put on ``sys.path`` so that its metadata is discovered like any installed
    distribution's.
    """
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--target", str(target), SAMPLE_PLUGINS], check=True)
    sys.path.insert(0, str(target))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()
    yield target
    sys.path.remove(str(target))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()

"""Test-wide fixtures: the sample plugin distribution, installed for real."""

import sys
from pathlib import Path

import pytest
import stevedore
from plugin_site import install

SAMPLE_PLUGINS = Path(__file__).parent / "plugins" / "sample"


@pytest.fixture(scope="session")
def sample_plugins(tmp_path_factory):
    """Install the sample plugin distribution (with its entry points) into a private directory.

    pip builds and installs it exactly as an operator would install a plugin package; the
    directory is put on ``sys.path`` so that its metadata is discovered like any installed
    distribution's.
    """
    target = install(SAMPLE_PLUGINS, tmp_path_factory.mktemp("site"))
    sys.path.insert(0, str(target))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()
    yield target
    sys.path.remove(str(target))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()

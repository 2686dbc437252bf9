"""The harness tested against the framework's sample plugins (widgets, widget-colors, gadgets)."""

import pytest

from apiframe.api_version import VersionHistory
from apiframe.testing import AppFixture

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                         {f"2.{n}": f"version {n}" for n in range(1, 11)})
SAMPLE_PLUGINS = ["widgets", "widget-colors", "gadgets"]


@pytest.fixture
def make_app(sample_plugins):
    """Start AppFixtures (sample plugins and a 2.1-2.10 history unless told otherwise); stop them after."""
    started = []

    def make(plugins=SAMPLE_PLUGINS, **options):
        fixture = AppFixture(plugins, **{"history": HISTORY, **options}).start()
        started.append(fixture)
        return fixture

    yield make
    for fixture in started:
        fixture.stop()


@pytest.fixture
def app(make_app):
    """The sample plugins' application, fresh for each test."""
    return make_app()

"""YAML (gabbi) tests run in-process, one application per file, built at the first request."""

import pytest

from apiframe.api_version import VersionHistory
from apiframe.testing.yaml_tests import generate_yaml_tests, test_yaml  # noqa: F401

SAMPLE_PLUGINS = ["widgets", "widget-colors", "gadgets"]

pytestmark = pytest.mark.usefixtures("sample_plugins")


HISTORY = VersionHistory("compute", None, {f"2.{n}": f"version {n}" for n in range(1, 11)})


def pytest_generate_tests(metafunc):
    generate_yaml_tests(metafunc, "gabbits", plugins=SAMPLE_PLUGINS, history=HISTORY)

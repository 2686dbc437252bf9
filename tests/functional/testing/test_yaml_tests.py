"""YAML (gabbi) tests run in-process, one application per file, built at the first request."""

import io
import unittest

import pytest

from apiframe.api_version import VersionHistory
from apiframe.testing.yaml_tests import generate_yaml_tests, load_yaml_tests, test_yaml  # noqa: F401

SAMPLE_PLUGINS = ["widgets", "widget-colors", "gadgets"]

pytestmark = pytest.mark.usefixtures("sample_plugins")


HISTORY = VersionHistory("compute", None, {f"2.{n}": f"version {n}" for n in range(1, 11)})


def pytest_generate_tests(metafunc):
    generate_yaml_tests(metafunc, "gabbits", plugins=SAMPLE_PLUGINS, history=HISTORY)


def test_the_same_files_run_under_unittest(sample_plugins):
    suite = load_yaml_tests(unittest.TestLoader(), "gabbits", __name__, plugins=SAMPLE_PLUGINS, history=HISTORY)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    assert result.wasSuccessful(), result.failures + result.errors
    assert result.testsRun == 7


def test_a_failing_yaml_test_fails(sample_plugins, tmp_path):
    (tmp_path / "wrong.yaml").write_text(
        "tests:\n- name: expects the wrong status\n  GET: /v2.1/widgets\n  status: 418\n")
    suite = load_yaml_tests(unittest.TestLoader(), tmp_path, __name__, plugins=SAMPLE_PLUGINS, history=HISTORY)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    assert len(result.failures) == 1
    assert "'401' not found in ['418']" in result.failures[0][1]

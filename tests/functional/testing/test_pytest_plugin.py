"""The pytest fixtures, loaded as a plugin by a separate pytest run, as a plugin author's project would."""

import os
import subprocess
import sys
import textwrap

import apiframe

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(apiframe.__file__)))

AUTHOR_TESTS = '''
import pytest

from apiframe.testing import assert_fault


@pytest.fixture
def apiframe_app_options():
    return {"plugins": ["widgets"], "config": {"api": {"max_limit": 7}}}


def test_member_client(api_client, apiframe_app):
    assert apiframe_app.conf.api.max_limit == 7
    assert api_client.persona.name == "member"
    api_client.post("/widgets", {"widget": {"name": "w"}})
    assert len(api_client.get("/widgets").json["widgets"]) == 1


def test_fresh_app_per_test(api_client):
    assert api_client.get("/widgets").json == {"widgets": []}


@pytest.mark.apiframe_app(policy={"sample:widgets:list": "role:admin"})
def test_marker_adds_options(apiframe_app):
    assert_fault(apiframe_app.client().get("/widgets", status=403), 403, "forbidden")
    apiframe_app.client("admin").get("/widgets")


def test_failing_on_purpose(api_client):
    api_client.get("/widgets/missing")
'''


def test_fixtures_from_the_plugin(sample_plugins, tmp_path):
    (tmp_path / "test_author.py").write_text(textwrap.dedent(AUTHOR_TESTS))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([PROJECT_ROOT, str(sample_plugins)])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "apiframe.testing.pytest_plugin", "-p", "no:cacheprovider",
         "--strict-markers", "-q", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert "1 failed, 3 passed" in result.stdout, result.stdout + result.stderr
    assert "test_failing_on_purpose" in result.stdout and "404 Not Found" in result.stdout

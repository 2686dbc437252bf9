"""The README's first plugin, followed as written: its files, its install, its tests, its service.

The plugin is installed into a directory of its own (on ``PYTHONPATH`` of the commands
that use it) rather than into the environment, so that no other test sees it.
"""

from __future__ import annotations

import shlex
import tomllib

import pytest
import stevedore
from readme import commands, faults, files, json_documents, run, section, serve_arguments, shell_env, workspace
from service_process import Service

from apiframe.extensions import NAMESPACE
from apiframe.testing import AppFixture, assert_policies, assert_schemas

#: What the harness would print if a dependency's deprecation leaked into a plugin author's test run.
CGI_WARNING = "'cgi' is deprecated"


@pytest.fixture
def plugin(tmp_path, install_distribution):
    """``(workspace, site, shell blocks, files)``: the plugin's files written, and its distribution installed."""
    blocks = section("Write your first plugin")
    home = workspace(tmp_path)
    written = files(blocks)
    for path, text in written.items():
        (home / path).parent.mkdir(parents=True, exist_ok=True)
        (home / path).write_text(text)
    shell = commands(blocks)
    assert shell and len(shell[0].splitlines()) == 3, f"no install, test and serve commands in {shell}"
    install = shlex.split(shell[0].splitlines()[0])
    assert install[:3] == [".venv/bin/pip", "install", ".[testing]"], shell[0]
    sites = [install_distribution(home / path, f"readme-{path.strip('./')}") for path in install[3:]]
    assert len(sites) == 1, install
    return home, sites[0], shell, written


def test_the_plugin_passes_its_own_tests_without_warnings(plugin):
    home, site, shell, _ = plugin
    run_tests = shell[0].splitlines()[1]
    assert "pytest" in run_tests, shell[0]
    result = run(run_tests, home, shell_env(home, site))
    assert " passed" in result.stdout and "failed" not in result.stdout, result.stdout
    assert CGI_WARNING not in result.stdout + result.stderr, result.stdout


def test_the_service_serves_the_plugin_beside_the_compute_api(plugin):
    home, site, shell, _ = plugin
    service = Service([*serve_arguments(shell[0].splitlines()[2]), "--port", "0"], shell_env(home, site), home)
    try:
        service.wait_ready()
        extensions = service.request("GET", "/v2.1/extensions").json["extensions"]
        assert {"hello", "os-keypairs"} <= {extension["alias"] for extension in extensions}
        for block in shell[1:]:
            documents = json_documents(run(block, home, shell_env(home, site), service.url).stdout)
            assert documents and not faults(documents), documents
    finally:
        service.kill()


def test_the_plugin_passes_the_harness_checks(plugin, monkeypatch):
    """Whatever its own tests check: schemas and a policy rule on every route of its entry points."""
    _, site, _, written = plugin
    [metadata] = [text for path, text in written.items() if path.endswith("pyproject.toml")]
    names = list(tomllib.loads(metadata)["project"]["entry-points"][NAMESPACE])
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(stevedore.ExtensionManager, "ENTRY_POINT_CACHE", {})
    with AppFixture(names) as app:
        assert len(app.api.plugins) == len(names) > 0
        assert_schemas(app.api)
        assert_policies(app.api)

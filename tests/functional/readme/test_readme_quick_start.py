"""The README's quick start, followed as written: serve, then the curl and openstack commands."""

from __future__ import annotations

import re

import pytest
from readme import commands, faults, json_documents, run, section, serve_arguments, shell_env, workspace
from service_process import Service

TOKEN = re.compile(r"X-Auth-Token: ([^'\"]+)")


@pytest.fixture
def quick_start():
    """The quick start's shell blocks: the serve command, then the ones that call the service."""
    blocks = commands(section("Quick start"))
    serve = [block for block in blocks if "apiframe-api" in block]
    calls = [block for block in blocks if block not in serve and "run-tests.sh" not in block]
    assert len(serve) == 1 and calls, blocks
    return serve[0], calls


@pytest.fixture
def service(tmp_path, quick_start):
    """The quick start's service, started as the README says (on a free port) in a workspace."""
    home = workspace(tmp_path)
    service = Service([*serve_arguments(quick_start[0]), "--port", "0"], shell_env(home), home)
    yield service.wait_ready()
    service.kill()


def test_the_quick_start_commands_work_as_written(service, quick_start, tmp_path):
    # The database is where the README says.
    assert (tmp_path / "data" / "apiframe.sqlite").is_file()
    env = shell_env(tmp_path)
    created = []
    for block in quick_start[1]:
        result = run(block, tmp_path, env, service.url)
        if "curl" in block:
            documents = json_documents(result.stdout)
            assert documents and not faults(documents), f"{block}\nanswered {result.stdout}"
            created += [document["server"]["id"] for document in documents if "server" in document]
        else:
            # The openstack command lists what the curl commands created: the same caller.
            assert created and all(server_id in result.stdout for server_id in created), result.stdout


def test_the_banner_and_the_readme_give_the_same_token(service, quick_start):
    tokens = {TOKEN.search(block).group(1) for block in quick_start[1] if "curl" in block}
    banner = re.search(r"try: (.*)", service.stdout).group(1)
    assert tokens == {TOKEN.search(banner).group(1)}, banner

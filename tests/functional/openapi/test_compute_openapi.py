"""The compute API's OpenAPI documents and its committed version history."""

import pathlib

import pytest
from compute_api import build_compute_api
from openapi_spec_validator import validate

from apiframe.openapi import render_openapi, render_version_history
from apiframe.openapi.history import REGENERATE

VERSION_HISTORY = pathlib.Path(__file__).resolve().parents[3] / "docs" / "api-versions.md"


@pytest.fixture(scope="module")
def compute():
    return build_compute_api()


def test_committed_version_history_is_current(compute):
    committed = VERSION_HISTORY.read_text() if VERSION_HISTORY.exists() else ""
    assert committed == render_version_history(compute), f"docs/api-versions.md is stale: run {REGENERATE}"


@pytest.mark.parametrize("which", ["min", "max"])
def test_minimum_and_maximum_documents_are_valid(compute, which):
    version = compute.history.min if which == "min" else compute.history.max
    document = render_openapi(compute, version)
    validate(document)
    assert document["info"]["version"] == str(version)


def test_keypair_create_changes_status_at_22(compute):
    def statuses(version):
        create = render_openapi(compute, version)["paths"]["/v2.1/os-keypairs"]["post"]
        return {code for code in create["responses"] if code < "400"}

    assert statuses("2.1") == {"200"}
    assert statuses("2.2") == {"201"}


def test_operations_carry_their_policy_rule(compute):
    create = render_openapi(compute, "2.1")["paths"]["/v2.1/servers"]["post"]
    assert create["x-policy"]["rule"].startswith("os_compute_api:servers:")
    assert create["x-policy"]["default"] and create["x-policy"]["check_str"]


def test_server_actions_share_one_operation(compute):
    actions = render_openapi(compute, "2.1")["paths"]["/v2.1/servers/{id}/action"]["post"]
    assert {"reboot", "os-start", "os-stop"} <= set(actions["x-actions"])
    titles = [branch["title"] for branch in actions["requestBody"]["content"]["application/json"]["schema"]["oneOf"]]
    assert titles == list(actions["x-actions"])

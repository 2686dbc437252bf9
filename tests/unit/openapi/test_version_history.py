"""The version history computed from an API's operations."""

import pytest
from openapi_things import things_api

from apiframe.assembly import OperationInfo
from apiframe.openapi import render_version_history
from apiframe.openapi.facts import field_paths, operation_id, path_parameters
from apiframe.registry import OperationMeta


@pytest.fixture(scope="module")
def history():
    return render_version_history(things_api())


def section(text, version):
    """The lines of one version's section."""
    body = text.split(f"\n## {version}\n", 1)[1]
    return body.split("\n## ", 1)[0].strip().splitlines()


def test_minimum_version_lists_every_operation(history):
    lines = section(history, "2.1")
    assert lines[0] == "Things change, step 1."
    assert "- `GET /v2.1/things/{id}`" in lines
    assert "- `POST /v2.1/things/{id}/action (spin)`" in lines
    assert "- `POST /v2.1/things/{id}/action (shine)`" not in lines


def test_status_change_and_added_action(history):
    assert section(history, "2.2")[2:] == [
        "- `POST /v2.1/things`: status 200 → 201",
        "- `POST /v2.1/things/{id}/action (shine)`: added",
    ]


def test_error_and_request_field_changes(history):
    assert section(history, "2.3")[2:] == ["- `POST /v2.1/things`: errors adds 409; request adds `thing.color`"]


def test_removed_operation_and_query_and_response_fields(history):
    assert section(history, "2.4")[2:] == [
        "- `GET /v2.1/things`: query adds `marker`; response adds `things[].name`",
        "- `GET /v2.1/things/{id}`: removed",
    ]


def test_unchanged_version_says_so(history):
    assert section(history, "2.5")[2:] == ["- No change in the operations served."]


def test_history_names_its_regeneration_command(history):
    assert history.startswith("# Microversions of the compute API\n")
    assert "apiframe-api version-history > docs/api-versions.md" in history


def _info(template, name, method="GET", action=None):
    return OperationInfo("p", "c", name, method, template, OperationMeta(), action=action)


@pytest.mark.parametrize(("template", "name", "action", "expected"), [
    ("/widgets", "index", None, "widgets_index"),
    ("/widgets/detail", "detail", None, "widgets_detail"),
    ("/widgets/{widget_id}/parts/{id}", "show", None, "widgets_parts_show"),
    ("/os-keypairs/{id}", "show", None, "os_keypairs_show"),
    ("/servers/{id}/action", "_reboot", "reboot", "servers_action"),
])
def test_operation_ids(template, name, action, expected):
    assert operation_id(_info(template, name, action=action)) == expected


def test_path_parameters():
    assert path_parameters("/widgets/{widget_id}/parts/{id}") == ["widget_id", "id"]


def test_field_paths_walk_objects_arrays_and_branches():
    schema = {"properties": {"a": {"properties": {"b": {}}},
                             "list": {"items": {"properties": {"c": {}}}}},
              "anyOf": [{"properties": {"d": {}}}]}
    assert list(field_paths(schema)) == ["a", "a.b", "list", "list[].c", "d"]

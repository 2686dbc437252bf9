"""The OpenAPI document of an assembled API, per microversion."""

import pytest
from openapi_spec_validator import validate
from openapi_things import HISTORY, LIST_RULE, things_api

from apiframe import exception
from apiframe.api_version import APIVersion, UnsupportedVersion
from apiframe.openapi import render_openapi, resolve_version


@pytest.fixture(scope="module")
def api():
    return things_api()


def operation(api, version, method, path):
    return render_openapi(api, version)["paths"][f"/v2.1{path}"][method]


def responses(api, version, method, path):
    return operation(api, version, method, path)["responses"]


@pytest.mark.parametrize("version", [f"2.{n}" for n in range(1, 6)])
def test_every_version_is_a_valid_openapi_31_document(api, version):
    document = render_openapi(api, version)
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["info"]["version"] == version
    assert document["info"]["x-microversions"] == {"min": "2.1", "max": "2.5", "this": version}
    assert f"Things change, step {version[2:]}." in document["info"]["description"]


def test_operations_exist_only_in_their_versions(api):
    assert "get" in render_openapi(api, "2.3")["paths"]["/v2.1/things/{id}"]
    assert "/v2.1/things/{id}" not in render_openapi(api, "2.4")["paths"]
    actions = operation(api, "2.1", "post", "/things/{id}/action")
    assert list(actions["x-actions"]) == ["spin"]
    assert list(operation(api, "2.2", "post", "/things/{id}/action")["x-actions"]) == ["shine", "spin"]


def test_status_codes_follow_the_version(api):
    assert "200" in responses(api, "2.1", "post", "/things")
    assert "201" in responses(api, "2.2", "post", "/things")
    assert "200" not in responses(api, "2.2", "post", "/things")


def test_declared_and_framework_errors_use_the_fault_schema(api):
    assert "409" not in responses(api, "2.2", "post", "/things")
    create = responses(api, "2.3", "post", "/things")
    assert create["409"] == {"$ref": "#/components/responses/fault409"}
    assert {"400", "401", "403", "404", "406", "413", "415", "503"} <= set(create)
    fault = render_openapi(api, "2.3")["components"]["responses"]["fault409"]
    assert fault["content"]["application/json"]["schema"] == {
        "type": "object",
        "properties": {"conflictingRequest": {"$ref": "#/components/schemas/FaultDetail"}},
        "required": ["conflictingRequest"],
        "additionalProperties": False,
    }
    assert "413" not in responses(api, "2.3", "get", "/things")


def test_request_body_is_the_merged_schema(api):
    def thing_properties(version):
        body = operation(api, version, "post", "/things")["requestBody"]
        return body["content"]["application/json"]["schema"]["properties"]["thing"]["properties"]

    assert set(thing_properties("2.2")) == {"name"}
    assert set(thing_properties("2.3")) == {"name", "color"}


def test_action_bodies_are_one_of_the_actions(api):
    body = operation(api, "2.2", "post", "/things/{id}/action")["requestBody"]["content"]["application/json"]
    shine, spin = body["schema"]["oneOf"]
    assert shine == {"type": "object", "required": ["shine"], "maxProperties": 1, "title": "shine"}
    assert spin["title"] == "spin" and spin["allOf"][0]["properties"]["spin"]["properties"] == {
        "turns": {"type": "integer"}}


def test_query_parameters_are_exploded_form_arrays(api):
    def query(version):
        return {p["name"]: p for p in operation(api, version, "get", "/things")["parameters"] if p.get("in") == "query"}

    assert set(query("2.3")) == {"limit"}
    limit = query("2.4")["limit"]
    assert limit["style"] == "form" and limit["explode"] is True and limit["required"] is False
    assert limit["schema"] == {"type": "array", "items": {"type": "integer", "minimum": 0}}
    assert set(query("2.4")) == {"limit", "marker"}


def test_path_and_microversion_parameters(api):
    parameters = operation(api, "2.2", "get", "/things/{id}")["parameters"]
    assert parameters == [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                          {"$ref": "#/components/parameters/microversion"}]
    header = render_openapi(api, "2.2")["components"]["parameters"]["microversion"]
    assert header["in"] == "header" and header["name"] == "OpenStack-API-Version"
    assert header["schema"] == {"type": "string", "enum": ["compute 2.2"]}


def test_response_schemas_follow_the_version(api):
    def item(version):
        success = responses(api, version, "get", "/things")["200"]
        return success["content"]["application/json"]["schema"]["properties"]["things"]["items"]

    assert set(item("2.3")["properties"]) == {"id"}
    assert set(item("2.4")["properties"]) == {"id", "name"}
    assert "content" not in responses(api, "2.2", "post", "/things/{id}/action")["202"]


def test_policy_rule_and_default_per_operation(tmp_path):
    overrides = tmp_path / "policy.yaml"
    overrides.write_text(f'"{LIST_RULE}": "role:admin"\n')
    index = operation(things_api(policy_file=str(overrides)), "2.1", "get", "/things")
    assert index["x-policy"] == {"rule": LIST_RULE, "check_str": "role:admin",
                                 "default": "rule:project_reader_or_admin", "description": "List things."}
    assert index["summary"] == "List things."
    assert index["x-plugin"] == "things" and index["x-versions"] == "2.1-2.5"


def test_action_facts_are_listed_per_action(api):
    shine = operation(api, "2.2", "post", "/things/{id}/action")["x-actions"]["shine"]
    assert shine["x-status"] == 202 and shine["x-versions"] == "2.2-2.5"
    assert shine["x-policy"]["rule"] == "things:shine"


def test_security_scheme_follows_the_auth_strategy(api, tmp_path):
    document = render_openapi(api, "2.1")
    assert document["security"] == [{"noauth": []}]
    assert document["components"]["securitySchemes"]["noauth"]["name"] == "X-Auth-Token"
    htpasswd = tmp_path / "htpasswd"
    htpasswd.write_text("")
    basic = render_openapi(things_api(strategy="http_basic", htpasswd_file=str(htpasswd)), "2.1")
    assert basic["security"] == [{"http_basic": []}]
    (name, scheme), = basic["components"]["securitySchemes"].items()
    assert name == "http_basic" and (scheme["type"], scheme["scheme"]) == ("http", "basic")


def test_public_operations_need_no_credentials(api):
    assert operation(api, "2.1", "get", "/things/ping")["security"] == []
    assert "security" not in operation(api, "2.1", "get", "/things")
    assert "401" not in responses(api, "2.1", "get", "/things/ping")


def test_operation_ids_are_unique(api):
    document = render_openapi(api, "2.5")
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert {"things_index", "things_create", "things_ping", "things_action"} <= set(ids)


def test_resolve_version():
    assert resolve_version(HISTORY, "latest") == APIVersion(2, 5)
    assert resolve_version(HISTORY, APIVersion(2, 3)) == APIVersion(2, 3)
    with pytest.raises(UnsupportedVersion):
        resolve_version(HISTORY, "2.6")
    with pytest.raises(exception.InvalidAPIVersionString):
        resolve_version(HISTORY, "2.05")

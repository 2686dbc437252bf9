"""The framework core end to end through the WSGI stack, with installed sample plugins."""

import json

import pytest
import webtest

from apiframe.api_version import VersionHistory
from apiframe.app import build_app
from apiframe.conf import make_conf

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                         {f"2.{n}": f"version {n}" for n in range(1, 11)})
MEMBER = {"X-Auth-Token": "alice:p1"}


def version(v):
    return {"OpenStack-API-Version": f"compute {v}", **MEMBER}


@pytest.fixture(scope="module")
def app(sample_plugins):
    conf = make_conf()
    conf.set_override("enabled_plugins", ["widgets", "widget-colors", "gadgets"], group="api")
    conf.set_override("response_validation", "error", group="api")
    return webtest.TestApp(build_app(conf, history=HISTORY))


def fault(resp, code, name):
    assert resp.status_int == code, resp.body
    assert resp.content_type == "application/json"
    body = resp.json
    assert list(body) == [name], body
    assert body[name]["code"] == code
    return body[name]["message"]


def test_root_lists_versions_without_auth(app):
    resp = app.get("/")
    version_doc = resp.json["versions"][0]
    assert version_doc["id"] == "v2.1" and version_doc["version"] == "2.10"
    assert version_doc["min_version"] == "2.1" and version_doc["status"] == "CURRENT"
    assert version_doc["links"] == [{"href": "http://localhost/v2.1/", "rel": "self"}]
    assert "OpenStack-API-Version" not in resp.headers
    assert resp.headers["x-openstack-request-id"].startswith("req-")
    assert resp.headers["x-compute-request-id"] == resp.headers["x-openstack-request-id"]


@pytest.mark.parametrize("path", ["/v2.1", "/v2.1/"])
def test_version_document_without_auth(app, path):
    resp = app.get(path, headers={"OpenStack-API-Version": "compute 2.3"})
    doc = resp.json["version"]
    assert doc["media-types"][0]["type"] == "application/vnd.openstack.compute+json;version=2.1"
    assert {link["rel"] for link in doc["links"]} == {"self", "describedby"}
    assert resp.headers["OpenStack-API-Version"] == "compute 2.3"


def _surface(sample_plugins, plugins, history=HISTORY):
    conf = make_conf()
    conf.set_override("enabled_plugins", plugins, group="api")
    resp = webtest.TestApp(build_app(conf, history=history)).get("/v2.1/")
    assert resp.headers["ETag"] == f'"{resp.headers["X-Apiframe-Surface"]}"'
    assert "x-apiframe-surface" not in resp.json["version"]
    return resp.headers["X-Apiframe-Surface"]


def test_surface_fingerprint_follows_the_route_table_and_version_range(app, sample_plugins):
    served = app.get("/v2.1/").headers["X-Apiframe-Surface"]
    assert _surface(sample_plugins, ["widgets", "widget-colors", "gadgets"]) == served
    assert _surface(sample_plugins, ["widgets"]) != served
    longer = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                            {f"2.{n}": f"version {n}" for n in range(1, 12)})
    assert _surface(sample_plugins, ["widgets", "widget-colors", "gadgets"], longer) != served


def test_versioned_response_headers(app):
    resp = app.get("/v2.1/widgets", headers=version("2.4"))
    assert resp.headers["OpenStack-API-Version"] == "compute 2.4"
    assert resp.headers["X-OpenStack-Nova-API-Version"] == "2.4"
    assert resp.headers.getall("Vary") == ["OpenStack-API-Version", "X-OpenStack-Nova-API-Version"]


def test_no_header_means_minimum_and_latest_means_maximum(app):
    assert app.get("/v2.1/widgets", headers=MEMBER).headers["OpenStack-API-Version"] == "compute 2.1"
    latest = app.get("/v2.1/widgets", headers=version("latest"))
    assert latest.headers["X-OpenStack-Nova-API-Version"] == "2.10"


def test_legacy_header_alone_selects_version(app):
    resp = app.get("/v2.1/widgets", headers={"X-OpenStack-Nova-API-Version": "2.6", **MEMBER})
    assert resp.headers["OpenStack-API-Version"] == "compute 2.6"


def test_malformed_version_is_400_without_version_headers(app):
    resp = app.get("/v2.1/widgets", headers=version("2.01"), status=400)
    assert "API Version String 2.01 is of invalid format" in fault(resp, 400, "badRequest")
    assert "OpenStack-API-Version" not in resp.headers


def test_out_of_range_version_is_406_and_echoed(app):
    resp = app.get("/v2.1/widgets", headers=version("3.7"), status=406)
    assert fault(resp, 406, "computeFault") == (
        "Version 3.7 is not supported by the API. Minimum is 2.1 and maximum is 2.10.")
    assert resp.headers["OpenStack-API-Version"] == "compute 3.7"


def test_method_not_in_version_is_404_with_headers(app):
    resp = app.get("/v2.1/gadgets", headers=version("2.2"), status=404)
    assert fault(resp, 404, "itemNotFound") == "The resource could not be found."
    assert resp.headers["OpenStack-API-Version"] == "compute 2.2"
    assert app.get("/v2.1/gadgets", headers=version("2.3")).json == {"gadgets": []}


def test_unknown_path_is_404_fault(app):
    resp = app.get("/v2.1/nothing-here", headers=MEMBER, status=404)
    fault(resp, 404, "itemNotFound")
    assert resp.headers["x-openstack-request-id"].startswith("req-")
    fault(app.get("/elsewhere", status=404), 404, "itemNotFound")


def test_wrong_method_is_405_with_allow(app):
    resp = app.patch("/v2.1/widgets", headers=MEMBER, status=405)
    fault(resp, 405, "badMethod")
    assert resp.headers["Allow"] == "GET, POST"


def test_status_code_varies_by_version_and_location_is_set(app):
    body = {"widget": {"name": "w"}}
    assert app.post_json("/v2.1/widgets", body, headers=version("2.1")).status_int == 200
    resp = app.post_json("/v2.1/widgets", body, headers=version("2.2"), status=201)
    assert resp.headers["Location"] == f"http://localhost/v2.1/widgets/{resp.json['widget']['id']}"


def test_response_shape_varies_by_version(app):
    created = app.post_json("/v2.1/widgets", {"widget": {"name": "w", "size": 3}}, headers=MEMBER)
    widget_id = created.json["widget"]["id"]
    assert "size" not in app.get(f"/v2.1/widgets/{widget_id}", headers=version("2.2")).json["widget"]
    assert app.get(f"/v2.1/widgets/{widget_id}", headers=version("2.3")).json["widget"]["size"] == 3


def test_delete_is_204_without_body(app):
    widget_id = app.post_json("/v2.1/widgets", {"widget": {"name": "d"}}, headers=MEMBER).json["widget"]["id"]
    resp = app.delete(f"/v2.1/widgets/{widget_id}", headers=MEMBER, status=204)
    assert resp.body == b""
    fault(app.get(f"/v2.1/widgets/{widget_id}", headers=MEMBER, status=404), 404, "itemNotFound")


def test_collection_action_and_nested_resource(app):
    assert "widgets" in app.get("/v2.1/widgets/detail", headers=MEMBER).json
    assert app.get("/v2.1/widgets/w9/parts/7", headers=MEMBER).json == {"part": {"id": "7", "widget_id": "w9"}}
    assert app.put_json("/v2.1/widgets/w9/parts", {"a": 1}, headers=MEMBER).json == {"parts": {"a": 1}}


def test_project_id_prefix_in_url(app):
    assert app.get("/v2.1/p1/widgets", headers=MEMBER).json == app.get("/v2.1/widgets", headers=MEMBER).json
    resp = app.get("/v2.1/p2/widgets", headers=MEMBER, status=400)
    assert "doesn't match Context's project_id 'p1'" in fault(resp, 400, "badRequest")


def _widget(app):
    return app.post_json("/v2.1/widgets", {"widget": {"name": "a"}}, headers=MEMBER).json["widget"]["id"]


def test_action_dispatch_by_body_key(app):
    widget_id = _widget(app)
    app.post_json(f"/v2.1/widgets/{widget_id}/action", {"rename": {"name": "b"}}, headers=MEMBER, status=202)
    assert app.get(f"/v2.1/widgets/{widget_id}", headers=MEMBER).json["widget"]["name"] == "b"


def test_action_contributed_by_another_plugin(app):
    widget_id = _widget(app)
    app.post_json(f"/v2.1/widgets/{widget_id}/action", {"paint": {"color": "red"}}, headers=MEMBER,
                  status=202)


def test_versioned_action_is_404_below_its_version(app):
    widget_id = _widget(app)
    url = f"/v2.1/widgets/{widget_id}/action"
    fault(app.post_json(url, {"polish": {}}, headers=version("2.4"), status=404), 404, "itemNotFound")
    app.post_json(url, {"polish": {}}, headers=version("2.5"), status=202)


@pytest.mark.parametrize(("body", "message"), [
    ({"nope": {}}, "There is no such action: nope"),
    ({"rename": {"name": "x"}, "paint": {"color": "red"}}, "exactly one action key"),
    ({}, "exactly one action key"),
    ([1], "must be a JSON object"),
    ("rename", "must be a JSON object"),
])
def test_bad_action_bodies_are_400(app, body, message):
    widget_id = _widget(app)
    resp = app.post(f"/v2.1/widgets/{widget_id}/action", json.dumps(body), headers=MEMBER,
                    content_type="application/json", status=400)
    assert message in fault(resp, 400, "badRequest")


def test_extension_hook_changes_response_in_its_versions(app):
    widget_id = _widget(app)
    assert "color" not in app.get(f"/v2.1/widgets/{widget_id}", headers=version("2.4")).json["widget"]
    shown = app.get(f"/v2.1/widgets/{widget_id}", headers=version("2.5")).json["widget"]
    assert shown["color"] == "unpainted"


def test_schema_fragment_from_another_plugin_applies_in_its_versions(app):
    body = {"widget": {"name": "c", "color": "red"}}
    resp = app.post_json("/v2.1/widgets", body, headers=version("2.4"), status=400)
    assert "Property 'color' is not supported at microversion 2.4; supported: " in fault(resp, 400, "badRequest")
    app.post_json("/v2.1/widgets", body, headers=version("2.5"), status=201)
    resp = app.post_json("/v2.1/widgets", {"widget": {"name": "c", "color": "green"}},
                         headers=version("2.5"), status=400)
    assert "Invalid input for field/attribute color" in fault(resp, 400, "badRequest")


@pytest.mark.parametrize(("raw", "content_type", "code"), [
    (b"{not json", "application/json", 400),
    (b'{"widget": {"name": "\xff"}}', "application/json", 400),
    (b"[" * 10000 + b"]" * 10000, "application/json", 400),
    (b'{"widget": {"name": "a", "size": ' + b"9" * 5000 + b"}}", "application/json", 400),
    (b'{"widget": {"name": NaN}}', "application/json", 400),
    (b'{"widget": {"name": "\\ud800"}}', "application/json", 400),
    (b"name=a", "application/x-www-form-urlencoded", 415),
    (b'"just a string"', "application/json", 400),
])
def test_malformed_bodies_get_4xx_faults(app, raw, content_type, code):
    resp = app.post("/v2.1/widgets", raw, headers=MEMBER, content_type=content_type, status=code)
    assert resp.json[next(iter(resp.json))]["code"] == code


def test_undeclared_error_becomes_generic_500(app):
    resp = app.get("/v2.1/widgets/1/leaky", headers=MEMBER, status=500)
    message = fault(resp, 500, "computeFault")
    assert "undeclared" not in message and "Traceback" not in resp.text


def test_anonymous_request_is_401(app):
    fault(app.get("/v2.1/widgets", status=401), 401, "unauthorized")


def test_other_project_cannot_see_resource(app):
    widget_id = _widget(app)
    resp = app.get(f"/v2.1/widgets/{widget_id}", headers={"X-Auth-Token": "bob:p2"}, status=404)
    fault(resp, 404, "itemNotFound")


def test_extensions_list_loaded_plugins(app):
    listed = app.get("/v2.1/extensions", headers=MEMBER).json["extensions"]
    assert {e["alias"] for e in listed} == {"widgets", "widget-colors", "gadgets", "extensions"}
    one = app.get("/v2.1/extensions/widgets", headers=MEMBER).json["extension"]
    assert one["name"] == "Widgets" and one["description"] == "Widgets for tests of the framework."
    fault(app.get("/v2.1/extensions/nope", headers=MEMBER, status=404), 404, "itemNotFound")


def test_head_answers_headers_without_body(app):
    resp = app.head("/v2.1/widgets", headers=MEMBER)
    assert resp.status_int == 200 and resp.body == b""
    assert int(resp.headers["Content-Length"]) > 0


def test_path_variables_are_decoded_as_utf8(app):
    assert app.get("/v2.1/widgets/w9/parts/%C3%A9t%C3%A9", headers=MEMBER).json["part"]["id"] == "été"


def test_path_that_is_not_utf8_is_400(app):
    fault(app.get("/v2.1/widgets/%FF", headers=MEMBER, status=400), 400, "badRequest")

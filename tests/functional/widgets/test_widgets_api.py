"""A service of another type on the framework: the widgets API (``[api] name = widgets``).

Everything a client sees speaks the widgets API's vocabulary: its version documents under
``/v1``, ``OpenStack-API-Version: widgets X.Y``, the API working group's error list, its
own request id header only, its OpenAPI document, its policy names.
"""

import pytest
import webtest

from apiframe.app import build_app
from apiframe.conf import make_conf
from apiframe.policy import list_rules

MEMBER = {"X-Auth-Token": "alice:p1"}


def version(v):
    return {"OpenStack-API-Version": f"widgets {v}", **MEMBER}


@pytest.fixture
def app(widgets_api):
    conf = make_conf()
    conf.set_override("name", "widgets", group="api")
    conf.set_override("enabled_plugins", ["widgets"], group="api")
    conf.set_override("response_validation", "error", group="api")
    return webtest.TestApp(build_app(conf))


def error(resp, status, detail=None):
    """Assert ``resp`` is the API-WG error list with one error of ``status``; return that error."""
    assert resp.status_int == status, resp.text
    assert resp.content_type == "application/json"
    (entry,) = resp.json["errors"]
    assert set(resp.json) == {"errors"}
    assert entry["status"] == status and entry["code"] == "widgets.undefined_code"
    assert entry["request_id"] == resp.headers["x-openstack-request-id"]
    assert isinstance(entry["title"], str) and entry["title"]
    if detail is not None:
        assert detail in entry["detail"], entry
    return entry


def test_version_list_at_the_root(app):
    resp = app.get("/")
    assert resp.json == {"versions": [{
        "id": "v1", "status": "CURRENT", "version": "1.3", "min_version": "1.0",
        "updated": "2024-01-01T00:00:00Z", "links": [{"href": "http://localhost/v1/", "rel": "self"}],
    }]}
    assert "x-compute-request-id" not in resp.headers


@pytest.mark.parametrize("path", ["/v1", "/v1/"])
def test_version_document_under_the_prefix(app, path):
    resp = app.get(path, headers={"OpenStack-API-Version": "widgets 1.2"})
    document = resp.json["version"]
    assert document["id"] == "v1" and document["version"] == "1.3" and document["min_version"] == "1.0"
    assert document["media-types"] == [{"base": "application/json", "type": "application/json"}]
    assert resp.headers["OpenStack-API-Version"] == "widgets 1.2"


def test_microversion_headers_name_the_widgets_service(app):
    resp = app.get("/v1/widgets", headers=version("1.2"))
    assert resp.headers["OpenStack-API-Version"] == "widgets 1.2"
    assert resp.headers.getall("Vary") == ["OpenStack-API-Version"]
    assert app.get("/v1/widgets", headers=MEMBER).headers["OpenStack-API-Version"] == "widgets 1.0"
    latest = app.get("/v1/widgets", headers=version("latest"))
    assert latest.headers["OpenStack-API-Version"] == "widgets 1.3"
    # Another service's entry is not ours, and compute's legacy header means nothing here.
    other = app.get("/v1/widgets", headers={"OpenStack-API-Version": "compute 2.5",
                                            "X-OpenStack-Nova-API-Version": "2.5", **MEMBER})
    assert other.headers["OpenStack-API-Version"] == "widgets 1.0"


def test_behaviour_follows_the_microversion(app):
    created = app.post_json("/v1/widgets", {"widget": {"name": "w"}}, headers=version("1.0"))
    assert created.status_int == 200 and created.json == {"widget": {"id": "1", "name": "w"}}
    colored = app.post_json("/v1/widgets", {"widget": {"name": "c", "color": "red"}}, headers=version("1.2"))
    assert colored.status_int == 201 and colored.json["widget"]["color"] == "red"
    error(app.post_json("/v1/widgets", {"widget": {"name": "c", "color": "red"}}, headers=version("1.1"),
                        status=400), 400, "Property 'color' is not supported at microversion 1.1")
    error(app.put_json("/v1/widgets/1", {"widget": {"name": "x"}}, headers=version("1.2"), status=404), 404)
    renamed = app.put_json("/v1/widgets/1", {"widget": {"name": "x"}}, headers=version("1.3"))
    assert renamed.json["widget"]["name"] == "x"


def test_faults_are_the_api_working_group_error_list(app):
    error(app.get("/v1/nowhere", headers=MEMBER, status=404), 404)
    error(app.get("/v1/widgets/9", headers=MEMBER, status=404), 404, "Widget 9 could not be found.")
    not_allowed = app.request("/v1/widgets/1", method="PATCH", headers=MEMBER, status=405)
    assert error(not_allowed, 405)["title"] == "Method Not Allowed"
    assert not_allowed.headers["Allow"] == "DELETE, GET, PUT"
    unsupported = app.get("/v1/widgets", headers=version("1.4"), status=406)
    error(unsupported, 406, "Version 1.4 is not supported by the API. Minimum is 1.0 and maximum is 1.3.")
    assert unsupported.headers["OpenStack-API-Version"] == "widgets 1.4"
    error(app.get("/v1/widgets", headers=version("1.01"), status=400), 400, "API Version String 1.01")
    error(app.get("/v1/widgets", status=401), 401)
    error(app.post("/v1/widgets", b'{"widget": {"name": "w"}}', headers=MEMBER, status=415,
                   content_type="application/vnd.openstack.compute+json"), 415)


def test_no_project_id_in_urls(app):
    error(app.get("/v1/p1/widgets", headers=MEMBER, status=404), 404)


def test_plugin_list_uses_the_widgets_policy_names(app):
    extensions = app.get("/v1/extensions", headers=MEMBER).json["extensions"]
    assert [e["alias"] for e in extensions] == ["widgets", "extensions"]
    assert extensions[0]["namespace"] == "https://docs.openstack.org/widgets/ext/widgets/api/v1"


def test_openapi_document_in_the_widgets_vocabulary(app):
    document = app.get("/v1/openapi.json", headers=version("1.3")).json
    assert document["info"]["title"] == "widgets API"
    assert document["info"]["x-microversions"] == {"min": "1.0", "max": "1.3", "this": "1.3"}
    assert "/v1/widgets/{id}" in document["paths"] and "put" in document["paths"]["/v1/widgets/{id}"]
    assert document["paths"]["/v1/extensions"]["get"]["x-policy"]["rule"] == "widgets_api:extensions"
    assert set(document["components"]["headers"]) == {"OpenStack-API-Version", "x-openstack-request-id"}
    not_found = document["components"]["responses"]["fault404"]["content"]["application/json"]["schema"]
    assert not_found["required"] == ["errors"]
    assert set(document["components"]["schemas"]) == {"Error"}
    assert "project id" not in document["info"]["description"]
    older = app.get("/v1/openapi.json", params={"microversion": "1.2"}).json
    assert "put" not in older["paths"]["/v1/widgets/{id}"]


def test_policy_rules_of_the_widgets_api_for_the_oslo_policy_tools(widgets_api):
    names = {rule.name for rule in list_rules(["widgets"], api="widgets")}
    assert {"widgets_api:extensions", "widgets_api:widgets:discoverable", "widgets_api:widgets:create",
            "context_is_admin"} <= names
    assert not any(name.startswith("os_compute_api") for name in names)

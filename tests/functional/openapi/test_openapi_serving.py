"""``/v2.1/openapi.json`` and ``/docs`` served by the whole WSGI stack."""

import re

import pytest
import webtest
from openapi_spec_validator import validate
from sample_api import sample_api_and_app

from apiframe.apidocs import ASSETS


@pytest.fixture(scope="module")
def app(sample_plugins):
    return webtest.TestApp(sample_api_and_app()[1])


def test_document_needs_no_credentials_and_defaults_to_the_minimum(app):
    resp = app.get("/v2.1/openapi.json")
    validate(resp.json)
    assert resp.json["info"]["version"] == "2.1"
    assert resp.headers["OpenStack-API-Version"] == "compute 2.1"
    assert "/v2.1/gadgets" not in resp.json["paths"]


def test_header_selects_the_version(app):
    resp = app.get("/v2.1/openapi.json", headers={"OpenStack-API-Version": "compute 2.3"})
    assert resp.json["info"]["version"] == "2.3"
    assert "get" in resp.json["paths"]["/v2.1/gadgets"]


def test_response_hooks_of_other_plugins_are_named_in_their_versions(app):
    def show(version):
        document = app.get("/v2.1/openapi.json", params={"microversion": version}).json
        return document["paths"]["/v2.1/widgets/{id}"]["get"]

    assert "x-extended-by" not in show("2.4")
    assert show("2.5")["x-extended-by"] == ["widget-colors"]


def test_query_parameter_wins_over_the_header(app):
    resp = app.get("/v2.1/openapi.json?microversion=2.5", headers={"OpenStack-API-Version": "compute 2.2"})
    assert resp.json["info"]["version"] == "2.5"
    assert "polish" in resp.json["paths"]["/v2.1/widgets/{id}/action"]["post"]["x-actions"]
    assert app.get("/v2.1/openapi.json?microversion=latest").json["info"]["version"] == "2.10"


def test_project_id_in_url_is_accepted(app):
    assert app.get("/v2.1/p1/openapi.json?microversion=2.4").json["info"]["version"] == "2.4"


@pytest.mark.parametrize(("query", "code", "name"), [
    ("microversion=2.11", 406, "computeFault"),
    ("microversion=2.01", 400, "badRequest"),
    ("microversion=2.1&microversion=2.2", 400, "badRequest"),
])
def test_bad_version_in_query_is_a_fault(app, query, code, name):
    resp = app.get(f"/v2.1/openapi.json?{query}", status=code)
    assert list(resp.json) == [name]


def test_out_of_range_header_is_406(app):
    resp = app.get("/v2.1/openapi.json", headers={"OpenStack-API-Version": "compute 3.0"}, status=406)
    assert resp.headers["OpenStack-API-Version"] == "compute 3.0"


def test_docs_page_lists_every_version_and_loads_nothing_from_elsewhere(app):
    resp = app.get("/docs?microversion=2.3")
    assert resp.content_type == "text/html"
    page = resp.text
    names = re.findall(r'"name": "(2\.\d+)"', page)
    assert names == [f"2.{n}" for n in range(10, 0, -1)]
    assert '"urls.primaryName": "2.3"' in page
    assert "/v2.1/openapi.json?microversion=2.10" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert '"validatorUrl": null' in page


def test_docs_assets_are_served_from_the_package(app):
    for name in ASSETS:
        resp = app.get(f"/docs/assets/{name}")
        assert resp.status_int == 200 and len(resp.body) > 100
    assert app.get("/docs/assets/swagger-ui-bundle.js").content_type in ("text/javascript",
                                                                        "application/javascript")
    assert list(app.get("/docs/assets/../setup.cfg", status=404).json) == ["itemNotFound"]
    assert list(app.get("/docs/assets/index.html", status=404).json) == ["itemNotFound"]


def test_docs_page_refuses_other_methods(app):
    resp = app.post("/docs", status=405)
    assert resp.headers["Allow"] == "GET"


def test_unknown_unversioned_paths_stay_404(app):
    assert list(app.get("/documentation", status=404).json) == ["itemNotFound"]

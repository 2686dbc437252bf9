"""The client: microversions, personas, JSON, URLs, and fault assertions."""

import pytest

from apiframe.testing import assert_fault


def test_version_per_client_and_per_request(app):
    client = app.client(version="2.4")
    assert client.get("/widgets").headers["OpenStack-API-Version"] == "compute 2.4"
    assert client.get("/widgets", version="2.6").headers["OpenStack-API-Version"] == "compute 2.6"
    assert client.at_version(None).get("/widgets").headers["OpenStack-API-Version"] == "compute 2.1"
    assert client.headers() == {"X-Auth-Token": "alice:demo-project:member,reader",
                                "OpenStack-API-Version": "compute 2.4"}


def test_json_in_and_out(app):
    created = app.client(version="2.3").post("/widgets", {"widget": {"name": "w", "size": 4}}, status=201)
    assert created.json == {"widget": {"id": "1", "name": "w", "size": 4}}
    raw = app.client().post("/widgets", b"name=w", content_type="application/x-www-form-urlencoded", status=415)
    assert_fault(raw, 415, "badMediaType")


def test_personas_are_different_callers(app):
    member = app.client(version="2.3")
    widget = member.post("/widgets", {"widget": {"name": "w"}}, status=201).json["widget"]
    assert member.as_persona("reader").get(f"/widgets/{widget['id']}").json["widget"] == widget
    assert_fault(member.as_persona("other-project").get(f"/widgets/{widget['id']}", status=404), 404, "itemNotFound")
    assert_fault(member.as_persona("anonymous").get("/widgets", status=401), 401, "unauthorized")
    assert_fault(member.as_persona("reader").delete(f"/widgets/{widget['id']}", status=403), 403, "forbidden")
    member.get(f"/widgets/{widget['id']}", persona="admin", status=404)


def test_urls_relative_absolute_and_with_project(app):
    member = app.client(version="2.2")
    created = member.post("/widgets", {"widget": {"name": "w"}}, status=201)
    assert member.get(created.headers["Location"]).json == created.json
    in_url = member.with_project_url()
    assert in_url.url("widgets") == "/v2.1/demo-project/widgets"
    assert in_url.endpoint == "http://localhost/v2.1/demo-project"
    assert in_url.get("/widgets").json == member.get("widgets").json
    assert member.get("/widgets/detail", params={"a": ["1", "2"]}).request.query_string == "a=1&a=2"


def test_action_helper(app):
    member = app.client(version="2.5")
    widget_id = member.post("/widgets", {"widget": {"name": "w"}}, status=201).json["widget"]["id"]
    member.action(f"/widgets/{widget_id}", "rename", {"name": "v"}, status=202)
    assert member.get(f"/widgets/{widget_id}").json["widget"]["name"] == "v"


def test_unexpected_error_status_fails_the_request(app):
    with pytest.raises(Exception, match="404 Not Found"):
        app.client().get("/widgets/nope")


def test_assert_fault_checks_code_name_and_message(app):
    resp = app.client().get("/widgets/nope", status=404)
    assert assert_fault(resp, 404, "itemNotFound") == "Widget nope could not be found."
    assert_fault(resp, 404, "itemNotFound", "Widget nope could not be found.")
    with pytest.raises(AssertionError, match="expected a 400 badRequest fault, got 404"):
        assert_fault(resp, 400, "badRequest")
    with pytest.raises(AssertionError, match="expected fault 'notFound'"):
        assert_fault(resp, 404, "notFound")
    with pytest.raises(AssertionError, match="fault message"):
        assert_fault(resp, 404, "itemNotFound", "something else")
    widget_id = app.client().post("/widgets", {"widget": {"name": "w"}}).json["widget"]["id"]
    with pytest.raises(AssertionError, match="fault without a JSON body"):
        assert_fault(app.client().delete(f"/widgets/{widget_id}", status=204), 204, "x")

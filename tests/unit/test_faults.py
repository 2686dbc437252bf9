"""The fault vocabularies an API definition chooses from, and the renderer that uses them."""

import json

import webtest

from apiframe import exception, faults

ENVIRON = {faults.REQUEST_ID_ENVIRON_KEY: "req-1"}


def render(exc, fault_format):
    status, headers, body = faults.from_exception(exc, ENVIRON, fault_format)
    return status, dict(headers), json.loads(body)


def test_nova_faults_name_each_status_and_fall_back_to_the_default_name():
    nova = faults.NovaFaults(default_name="computeFault")
    assert render(exception.NotFound("gone"), nova) == (
        "404 Not Found", {"Content-Type": "application/json", "Content-Length": "50"},
        {"itemNotFound": {"code": 404, "message": "gone"}})
    assert render(exception.NotAcceptable("no"), nova)[2] == {"computeFault": {"code": 406, "message": "no"}}
    assert nova.schema(404)["required"] == ["itemNotFound"]


def test_api_working_group_errors_carry_title_code_and_request_id():
    errors = faults.APIWGErrors(undefined_code="things.undefined_code")
    status, headers, body = render(exception.MethodNotAllowed(["GET"]), errors)
    assert status == "405 Method Not Allowed" and headers["Allow"] == "GET"
    assert body == {"errors": [{"status": 405, "title": "Method Not Allowed",
                                "detail": "The method specified is not allowed for this resource.",
                                "code": "things.undefined_code", "request_id": "req-1"}]}
    assert errors.schema(405)["required"] == ["errors"] and set(errors.components()) == {"Error"}


def test_unexpected_errors_are_a_generic_500_in_the_format_chosen():
    errors = faults.APIWGErrors(undefined_code="things.undefined_code")
    status, _, body = render(KeyError("secret detail"), errors)
    assert status == "500 Internal Server Error"
    assert body["errors"][0]["detail"] == faults.GENERIC_500_MESSAGE


def test_the_wrapper_renders_in_its_format():
    def failing(environ, start_response):
        raise exception.Conflict("busy")

    wrapped = faults.FaultWrapper(failing, faults.APIWGErrors(undefined_code="things.undefined_code"))
    resp = webtest.TestApp(wrapped).get("/", status=409)
    assert resp.json["errors"][0]["title"] == "Conflict"

"""Reading faults in each vocabulary, and the error class of each status."""

from __future__ import annotations

import pytest
import requests

from apiframe.client import errors
from apiframe.client.errors import ClientError, NotFound, OverLimit, ServerError, ServiceUnavailable, from_response
from apiframe.client.faults import Fault, read_fault


def test_nova_fault():
    assert read_fault({"itemNotFound": {"code": 404, "message": "Flavor 9 could not be found."}}, "nova") == \
        Fault("Flavor 9 could not be found.", ["itemNotFound"])


def test_api_working_group_errors():
    body = {"errors": [{"status": 409, "title": "Conflict", "detail": "Inventory in use.", "code": "placement.inuse",
                        "request_id": "req-1"}]}
    assert read_fault(body, "errors") == Fault("Inventory in use.", ["placement.inuse", "Conflict"])


def test_problem_details_are_read_whatever_the_format():
    body = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No such note.",
            "errors": [{"pointer": "/note/title", "detail": "too long"}]}
    assert read_fault(body, "nova", "application/problem+json") == Fault(
        "No such note.", ["about:blank", "Not Found", "/note/title too long"])


def test_unreadable_bodies_and_unknown_formats():
    assert read_fault({"a": 1, "b": 2}, "nova") is None
    assert read_fault(["x"], "errors") is None
    with pytest.raises(ValueError, match="unknown fault format 'xml'"):
        read_fault({}, "xml")


@pytest.mark.parametrize(("status", "cls"), [(404, NotFound), (413, OverLimit), (429, OverLimit),
                                             (503, ServiceUnavailable), (502, ServerError), (418, ClientError)])
def test_error_class_by_status(status, cls):
    assert errors.error_class(status) is cls


def _response(status: int, body: bytes, content_type: str = "application/json") -> requests.Response:
    response = requests.Response()
    response.status_code, response._content, response.reason = status, body, "Reason"
    response.headers["Content-Type"] = content_type
    response.headers["x-openstack-request-id"] = "req-42"
    return response


def test_from_response_takes_the_servers_message_field_and_request_id():
    error = from_response(_response(400, b'{"badRequest": {"code": 400, "message": "Invalid input for '
                                         b'field/attribute server.name. Value: 1. 1 is not a string"}}'), "nova")
    assert (error.status, error.request_id) == (400, "req-42")
    assert error.details == ["badRequest", "field: server.name", "request_id: req-42"]
    assert str(error).startswith("400 Invalid input for field/attribute server.name.")


def test_from_response_without_a_readable_fault_keeps_the_text():
    error = from_response(_response(502, b"Bad gateway from the proxy", "text/plain"), "nova")
    assert (type(error), error.message) == (ServerError, "Bad gateway from the proxy")
    assert from_response(_response(500, b""), "nova").message == "Reason"

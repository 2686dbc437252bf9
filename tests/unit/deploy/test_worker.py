"""When the worker hands a request to a thread, and which status gunicorn's errors become."""

import json

import pytest
from gunicorn.http import errors

from apiframe.api_version import VersionHistory
from apiframe.definition import APIDefinition
from apiframe.deploy.worker import BUFFERED_BODY, client_error_status, fault, request_arrived
from apiframe.faults import APIWGErrors
from apiframe.version_documents import NovaVersionDocuments

HEAD = b"POST /v2.1/servers HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize(("data", "arrived"), [
    (b"GET /v2.1/ HTTP/1.1\r\nHost: x\r\n", False),
    (b"GET /v2.1/ HTTP/1.1\r\nHost: x\r\n\r\n", True),
    (b"GET /v2.1/ HTTP/1.1\nHost: x\n\n", True),  # the parser, not the worker, refuses bare LF
    (HEAD + b"Content-Length: 5\r\n\r\n{}", False),
    (HEAD + b"content-length : 5\r\n\r\n{\"a\"}", True),
    (HEAD + b"Content-Length: 2\r\n\r\n{}GET /", True),  # the next request may follow
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n", True),
    (HEAD + b"Expect: 100-continue\r\nContent-Length: 5\r\n\r\n", True),
    (HEAD + b"Content-Length: %d\r\n\r\n" % (BUFFERED_BODY + 1), True),
    (b"GET /?" + b"a" * BUFFERED_BODY, True),  # a head too long to wait for: the parser refuses it
])
def test_request_arrived(data, arrived):
    assert request_arrived(data) is arrived


@pytest.mark.parametrize(("error", "status"), [
    (errors.LimitRequestLine(9000, 8190), 414),
    (errors.LimitRequestHeaders("limit request headers fields size"), 431),
    (errors.InvalidRequestLine("GET"), 400),
    (errors.InvalidHeaderName("Bad Header"), 400),
    (errors.UnsupportedTransferCoding("gzip"), 501),
    (errors.InvalidResponseHeaderName("x y"), None),
    (errors.ConfigurationProblem("x"), None),
    (RuntimeError("bug"), None),
])
def test_client_error_status(error, status):
    assert client_error_status(error) == status


def test_fault_is_a_whole_http_response():
    head, _, body = fault(408, "Late.").partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "HTTP/1.1 408 Request Timeout"
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert headers["Content-Length"] == str(len(body)) and headers["Connection"] == "close"
    assert headers["x-openstack-request-id"] == headers["x-compute-request-id"]
    assert json.loads(body) == {"computeFault": {"code": 408, "message": "Late."}}


def test_fault_speaks_the_vocabulary_of_the_api_served():
    history = VersionHistory("things", None, {"1.0": "first"})
    things = APIDefinition(name="things", history=history, prefix="/v1", faults=APIWGErrors("things.undefined_code"),
                           version_documents=NovaVersionDocuments(), plugin_group="things.plugins",
                           policy_prefix="things")
    head, _, body = fault(431, "Too many headers.", things).partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])
    assert "x-compute-request-id" not in headers
    assert json.loads(body) == {"errors": [{
        "status": 431, "title": "Request Header Fields Too Large", "detail": "Too many headers.",
        "code": "things.undefined_code", "request_id": headers["x-openstack-request-id"]}]}

"""The access log middleware: one line per request, written when the body is done."""

import logging
import re

import pytest
import webob

from apiframe.faults import REQUEST_ID_ENVIRON_KEY
from apiframe.middleware.access_log import AccessLog


def versioned_app(environ, start_response):
    start_response("202 Accepted", [("OpenStack-API-Version", "compute 2.42"), ("Content-Length", "2")])
    return [b"{}"]


def streaming_app(environ, start_response):
    start_response("200 OK", [])
    yield b"a"
    yield b"b"


def failing_app(environ, start_response):
    raise RuntimeError("boom")


def call(app, path="/v2.1/servers", query="", method="POST"):
    request = webob.Request.blank(path + (f"?{query}" if query else ""), method=method)
    request.environ[REQUEST_ID_ENVIRON_KEY] = "req-1"
    return request.get_response(app)


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.INFO, logger="apiframe.access")
    return caplog


def test_logs_id_method_path_status_microversion_and_time(log):
    response = call(AccessLog(versioned_app), query="limit=1")
    assert response.status_int == 202
    [record] = log.records
    assert record.name == "apiframe.access"
    assert re.fullmatch(r"req-1 POST /v2\.1/servers\?limit=1 status=202 microversion=2\.42 time=\d+\.\d{4}s",
                        record.getMessage())


def test_unversioned_response_logs_a_dash(log):
    call(AccessLog(streaming_app), method="GET")
    assert "status=200 microversion=- " in log.records[0].getMessage()


def test_a_streamed_body_is_logged_when_the_server_closes_it(log):
    environ = webob.Request.blank("/").environ
    body = AccessLog(streaming_app)(environ, lambda status, headers, exc_info=None: None)
    assert b"".join(body) == b"ab"
    assert log.records == []
    body.close()
    assert len(log.records) == 1 and "status=200" in log.records[0].getMessage()


def test_an_exception_is_logged_as_500_and_raised(log):
    with pytest.raises(RuntimeError):
        call(AccessLog(failing_app))
    assert "req-1 POST /v2.1/servers status=500" in log.records[0].getMessage()


def test_nothing_is_wrapped_when_info_is_off(caplog):
    caplog.set_level(logging.WARNING, logger="apiframe.access")
    environ = webob.Request.blank("/").environ
    body = AccessLog(streaming_app)(environ, lambda status, headers, exc_info=None: None)
    assert type(body).__name__ == "generator"
    assert caplog.records == []

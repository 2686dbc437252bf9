"""``apiframe-api serve`` facing difficult clients: slow ones, long request lines, big headers,
and a port another program holds."""

import http.client
import json
import re
import socket
import time
from urllib.parse import urlsplit

import pytest

FLAVORS = "/v2.1/flavors"


def connect(service) -> socket.socket:
    """A raw TCP connection to the service."""
    address = urlsplit(service.url)
    return socket.create_connection((address.hostname, address.port), timeout=10)


def read_response(sock: socket.socket) -> http.client.HTTPResponse:
    """The response the server sends on ``sock``, its body read."""
    response = http.client.HTTPResponse(sock)
    response.begin()
    response.body = response.read()
    return response


def assert_fault(response: http.client.HTTPResponse, code: int, message: str) -> None:
    """``response`` is the API's JSON fault ``code`` with a request id, not a page of the server."""
    assert response.status == code, response.body
    assert response.headers["Content-Type"] == "application/json"
    assert re.fullmatch(r"req-[0-9a-f-]{36}", response.headers["x-openstack-request-id"] or "")
    assert json.loads(response.body) == {"computeFault": {"code": code, "message": message}}


def test_slow_clients_hold_no_thread(start_service, write_conf):
    service = start_service("--config-file", write_conf(["widgets"]), "--threads", "1")
    trickling = [connect(service) for _ in range(3)]
    trickling[0].sendall(b"GET /v2.1/widgets HTTP/1.1\r\nHost: x\r\n")
    trickling[1].sendall(b"GE")
    body = b'{"widget": {"name": "w1"}}'
    trickling[2].sendall(b"POST /v2.1/widgets HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\n"
                         b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body[:11]))
    time.sleep(0.3)
    started = time.monotonic()
    assert service.request("GET", "/v2.1/widgets", timeout=5).status == 200
    assert time.monotonic() - started < 1.0

    # A slow client is served once its request is complete.
    trickling[2].sendall(body[11:])
    created = read_response(trickling[2])
    assert created.status == 200 and json.loads(created.body)["widget"]["name"] == "w1"
    for sock in trickling:
        sock.close()


def test_a_late_request_gets_408(start_service, write_conf):
    service = start_service("--config-file", write_conf(["widgets"], "[server]\nclient_timeout = 1\n"))
    with connect(service) as sock:
        sock.sendall(b"GET /v2.1/widgets HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        response = read_response(sock)
        assert 0.5 < time.monotonic() - started < 5
    assert_fault(response, 408, "The request did not arrive within 1 seconds.")


def test_request_lines_up_to_8_kb(start_service, write_conf):
    service = start_service("--config-file", write_conf(["flavors"]))
    query = "&".join(f"name{n}=flavor-{n:04d}" for n in range(500))
    path = f"{FLAVORS}?{query}"[:8190 - len("GET  HTTP/1.1")]
    assert service.request("GET", path).status == 200

    too_long = service.request("GET", f"{FLAVORS}?{query}")
    assert len(f"{FLAVORS}?{query}") > 8190
    assert_fault(too_long, 414, "The request line is longer than 8190 bytes.")


def test_oversized_headers_get_a_fault(start_service, write_conf):
    service = start_service("--config-file", write_conf(["flavors"]))
    response = service.request("GET", FLAVORS, headers={"X-Padding": "x" * 9000})
    assert_fault(response, 431, "The request has a header field longer than 8190 bytes "
                                "or more than 100 header fields.")
    response = service.request("GET", FLAVORS, headers={f"X-Padding-{n}": "x" for n in range(120)})
    assert response.status == 431 and "computeFault" in json.loads(response.body)


def test_a_malformed_request_gets_a_fault(start_service, write_conf):
    service = start_service("--config-file", write_conf(["flavors"]))
    with connect(service) as sock:
        sock.sendall(b"GET /v2.1/flavors HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n")
        response = read_response(sock)
    assert response.status == 400 and json.loads(response.body)["badRequest"]["message"].startswith(
        "Invalid request: ")


@pytest.fixture
def taken_port():
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_a_taken_port_is_reported_at_once(start_service, write_conf, taken_port):
    service = start_service("--config-file", write_conf(["flavors"]), "--port", str(taken_port), wait=False)
    assert service.wait() == 1
    assert service.stderr == (
        f"apiframe-api: error: cannot listen on 127.0.0.1:{taken_port}: the port is in use by another "
        "program; choose another with --port or [server] port\n")
    assert "listening on" not in service.stdout

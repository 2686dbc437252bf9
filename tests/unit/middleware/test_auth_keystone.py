"""keystone: auth_token in delayed-decision mode; spoofed headers never become identity.

A small stand-in for the identity service's token API (discovery, issuing the service's
own token, validating a user token) runs on a loopback port so that the whole
keystonemiddleware path runs, network requests included.
"""

from __future__ import annotations

import http.server
import json
import threading

import pytest
import webtest

pytest.importorskip("keystonemiddleware")

from apiframe import exception
from apiframe.faults import FaultWrapper
from apiframe.middleware.auth import build_auth_middleware
from apiframe.middleware.auth.keystone import KeystoneAuth, identity_from_headers

SERVICE_TOKEN = "service-token"
USER_TOKEN = "alice-token"


def _token_body(base: str, user: str, project: str, roles: list[str]) -> dict:
    endpoints = [{"id": f"e-{interface}", "interface": interface, "region": "RegionOne",
                  "region_id": "RegionOne", "url": f"{base}/v3"} for interface in ("public", "internal", "admin")]
    return {"token": {
        "methods": ["password"], "issued_at": "2024-01-01T00:00:00.000000Z",
        "expires_at": "2099-01-01T00:00:00.000000Z",
        "user": {"id": f"{user}-id", "name": user, "domain": {"id": "default", "name": "Default"}},
        "project": {"id": project, "name": f"{project}-name", "domain": {"id": "default", "name": "Default"}},
        "roles": [{"id": f"r-{role}", "name": role} for role in roles],
        "catalog": [{"type": "identity", "name": "keystone", "id": "s1", "endpoints": endpoints}],
    }}


class _IdentityService(http.server.BaseHTTPRequestHandler):
    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", "Content-Length": str(len(data)),
                            **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def do_GET(self):
        if self.path.rstrip("/") == "/v3":
            self._send(200, {"version": {"id": "v3.14", "status": "stable", "updated": "2020-01-01T00:00:00Z",
                                         "links": [{"rel": "self", "href": f"{self.base}/v3/"}],
                                         "media-types": []}})
        elif self.path.startswith("/v3/auth/tokens"):
            if self.headers.get("X-Auth-Token") != SERVICE_TOKEN or self.headers.get("X-Subject-Token") != USER_TOKEN:
                self._send(404, {"error": {"code": 404, "message": "token not found"}})
            else:
                self._send(200, _token_body(self.base, "alice", "p1", ["member", "reader"]),
                           {"X-Subject-Token": USER_TOKEN})
        else:
            self._send(404, {})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._send(201, _token_body(self.base, "nova", "service", ["service"]), {"X-Subject-Token": SERVICE_TOKEN})

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def identity_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _IdentityService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v3"
    server.shutdown()
    server.server_close()


def keystone_app(inner_app, auth_url: str) -> webtest.TestApp:
    conf = {"www_authenticate_uri": auth_url, "auth_url": auth_url, "auth_type": "password",
            "username": "nova", "password": "secret", "project_name": "service",
            "user_domain_id": "default", "project_domain_id": "default",
            "http_request_max_retries": "0", "http_connect_timeout": "2"}
    return webtest.TestApp(FaultWrapper(build_auth_middleware("keystone", inner_app, keystone_conf=conf)))


@pytest.fixture
def app(inner_app, identity_url):
    return keystone_app(inner_app, identity_url)


def test_valid_token_gives_identity(app, identity_url):
    seen = app.get("/", headers={"X-Auth-Token": USER_TOKEN}).json
    identity = seen["identity"]
    assert (identity["user_id"], identity["project_id"], identity["roles"]) == ("alice-id", "p1", ["member", "reader"])
    assert (identity["user_name"], identity["project_name"]) == ("alice", "p1-name")
    assert identity["auth_token"] == USER_TOKEN
    assert seen["challenge"] == [["WWW-Authenticate", f'Keystone uri="{identity_url}"']]


def test_spoofed_headers_do_not_change_a_valid_identity(app, spoofed_headers):
    identity = app.get("/", headers={**spoofed_headers, "X-Auth-Token": USER_TOKEN}).json["identity"]
    assert (identity["user_id"], identity["project_id"], identity["roles"]) == ("alice-id", "p1", ["member", "reader"])
    assert identity["system_scope"] is None


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_spoofed_headers_never_become_identity(app, spoofed_headers, token):
    headers = dict(spoofed_headers, **({"X-Auth-Token": token} if token else {}))
    seen = app.get("/", headers=headers).json
    assert seen["identity"] is None
    assert seen["leftover"] == {"HTTP_X_IDENTITY_STATUS": "Invalid"}, "only auth_token's own verdict"


def test_unreachable_identity_service_means_no_identity(inner_app, spoofed_headers):
    app = keystone_app(inner_app, "http://127.0.0.1:9/v3")
    seen = app.get("/", headers={**spoofed_headers, "X-Auth-Token": USER_TOKEN}).json
    assert seen["identity"] is None
    assert seen["leftover"] == {"HTTP_X_IDENTITY_STATUS": "Invalid"}


def test_identity_from_auth_token_headers():
    identity = identity_from_headers({
        "HTTP_X_USER_ID": "u1", "HTTP_X_PROJECT_ID": "p1", "HTTP_X_ROLES": "reader, member",
        "HTTP_X_IS_ADMIN_PROJECT": "False", "HTTP_OPENSTACK_SYSTEM_SCOPE": "all",
    })
    assert (identity.user_id, identity.project_id, identity.roles) == ("u1", "p1", ("reader", "member"))
    assert identity.is_admin_project is False
    assert identity.system_scope == "all"


def test_errors_below_auth_token_reach_the_fault_renderer():
    def needs_identity(environ, start_response):
        raise exception.Unauthorized(headers=environ["apiframe.auth_challenge"])

    app = webtest.TestApp(FaultWrapper(KeystoneAuth(needs_identity, {"www_authenticate_uri": "http://k/v3"})))
    response = app.get("/", status=401)
    assert response.json["unauthorized"]["code"] == 401
    assert response.headers["WWW-Authenticate"] == 'Keystone uri="http://k/v3"'

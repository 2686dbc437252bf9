"""keystone: auth_token in delayed-decision mode; spoofed headers never become identity.

A real keystone (the ``keystone`` fixture: SQLite, fernet tokens, served by gunicorn)
issues the tokens and validates them, so the whole keystonemiddleware path runs,
network requests included. Skipped where keystone cannot be installed.
"""

from __future__ import annotations

import pytest
import webtest

pytest.importorskip("keystonemiddleware")

from identity_service import ADMIN_PASSWORD

from apiframe import exception
from apiframe.faults import FaultWrapper
from apiframe.middleware.auth import build_auth_middleware
from apiframe.middleware.auth.keystone import KeystoneAuth, identity_from_headers

PASSWORD = "alice-secret"


@pytest.fixture(scope="module")
def alice(keystone):
    """A member and reader of project ``p1``: (user id, project id, a token)."""
    project_id = keystone.add_project("p1")
    user_id = keystone.add_user("alice", PASSWORD, project_id, ("member", "reader"))
    return user_id, project_id, keystone.token("alice", PASSWORD, "p1")


@pytest.fixture(scope="module")
def identity_url(keystone):
    return keystone.auth_url


def keystone_app(inner_app, auth_url: str) -> webtest.TestApp:
    conf = {"www_authenticate_uri": auth_url, "auth_url": auth_url, "auth_type": "password",
            "username": "admin", "password": ADMIN_PASSWORD, "project_name": "admin",
            "user_domain_id": "default", "project_domain_id": "default",
            "http_request_max_retries": "0", "http_connect_timeout": "30"}
    return webtest.TestApp(FaultWrapper(build_auth_middleware("keystone", inner_app, keystone_conf=conf)))


@pytest.fixture
def app(inner_app, identity_url):
    return keystone_app(inner_app, identity_url)


def test_valid_token_gives_identity(app, identity_url, alice):
    user_id, project_id, token = alice
    seen = app.get("/", headers={"X-Auth-Token": token}).json
    identity = seen["identity"]
    assert (identity["user_id"], identity["project_id"]) == (user_id, project_id)
    assert sorted(identity["roles"]) == ["member", "reader"]
    assert (identity["user_name"], identity["project_name"]) == ("alice", "p1")
    assert identity["auth_token"] == token
    assert seen["challenge"] == [["WWW-Authenticate", f'Keystone uri="{identity_url}"']]


def test_spoofed_headers_do_not_change_a_valid_identity(app, spoofed_headers, alice):
    user_id, project_id, token = alice
    identity = app.get("/", headers={**spoofed_headers, "X-Auth-Token": token}).json["identity"]
    assert (identity["user_id"], identity["project_id"]) == (user_id, project_id)
    assert sorted(identity["roles"]) == ["member", "reader"]
    assert identity["system_scope"] is None


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_spoofed_headers_never_become_identity(app, spoofed_headers, token):
    headers = dict(spoofed_headers, **({"X-Auth-Token": token} if token else {}))
    seen = app.get("/", headers=headers).json
    assert seen["identity"] is None
    assert seen["leftover"] == {"HTTP_X_IDENTITY_STATUS": "Invalid"}, "only auth_token's own verdict"


def test_unreachable_identity_service_means_no_identity(inner_app, spoofed_headers, alice):
    app = keystone_app(inner_app, "http://127.0.0.1:9/v3")
    seen = app.get("/", headers={**spoofed_headers, "X-Auth-Token": alice[2]}).json
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

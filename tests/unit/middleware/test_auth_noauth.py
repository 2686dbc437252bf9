"""noauth: token parsing, header stripping, loopback-only binding."""

from __future__ import annotations

import pytest
import webtest

from apiframe import exception
from apiframe.faults import FaultWrapper
from apiframe.middleware.auth import build_auth_middleware, check_noauth_bind, parse_noauth_token


@pytest.fixture
def app(inner_app):
    return webtest.TestApp(FaultWrapper(build_auth_middleware("noauth", inner_app)))


@pytest.mark.parametrize(("token", "user", "project", "roles"), [
    ("alice:p1", "alice", "p1", ("member", "reader")),
    ("admin:p0", "admin", "p0", ("admin", "member", "reader")),
    ("alice:p1:reader", "alice", "p1", ("reader",)),
    ("alice:p1:admin, member,,", "alice", "p1", ("admin", "member")),
    ("alice:p1:", "alice", "p1", ("member", "reader")),
    ("notused", "notused", "notused", ("member", "reader")),
    ("admin", "admin", "admin", ("admin", "member", "reader")),
])
def test_token_parsing(token, user, project, roles):
    identity = parse_noauth_token(token)
    assert (identity.user_id, identity.project_id, identity.roles) == (user, project, roles)
    assert identity.auth_token == token


@pytest.mark.parametrize("token", [":p1", "alice:", "::admin"])
def test_malformed_token_is_rejected(token):
    with pytest.raises(exception.Unauthorized, match="user:project"):
        parse_noauth_token(token)


def test_token_becomes_identity(app):
    seen = app.get("/", headers={"X-Auth-Token": "alice:p1:member"}).json
    assert seen["identity"]["user_id"] == "alice"
    assert seen["identity"]["project_id"] == "p1"
    assert seen["identity"]["roles"] == ["member"]
    assert seen["challenge"] == []


def test_no_token_no_identity(app):
    assert app.get("/").json["identity"] is None


def test_malformed_token_answers_401_fault(app):
    response = app.get("/", headers={"X-Auth-Token": ":nobody"}, status=401)
    assert response.json["unauthorized"]["code"] == 401


def test_spoofed_identity_headers_are_ignored(app, spoofed_headers):
    seen = app.get("/", headers={**spoofed_headers, "X-Auth-Token": "alice:p1"}).json
    assert seen["identity"]["user_id"] == "alice"
    assert seen["identity"]["project_id"] == "p1"
    assert seen["identity"]["roles"] == ["member", "reader"]
    assert seen["leftover"] == {}
    assert app.get("/", headers=spoofed_headers).json == {"identity": None, "challenge": [], "leftover": {}}


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_bind_is_allowed(host):
    check_noauth_bind(host, force=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "api.example.org", ""])
def test_other_binds_need_force(host):
    with pytest.raises(exception.StartupError, match="loopback"):
        check_noauth_bind(host, force=False)
    check_noauth_bind(host, force=True)


def test_unknown_strategy_is_a_startup_error(inner_app):
    with pytest.raises(exception.StartupError, match="noauth, http_basic, keystone"):
        build_auth_middleware("kerberos", inner_app)

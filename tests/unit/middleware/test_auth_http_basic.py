"""http_basic: htpasswd with bcrypt, good and bad passwords, file errors, header stripping."""

from __future__ import annotations

import base64

import bcrypt
import pytest
import webtest

from apiframe import exception
from apiframe.faults import FaultWrapper
from apiframe.middleware.auth import build_auth_middleware
from apiframe.middleware.auth.http_basic import load_htpasswd

CHALLENGE = ["WWW-Authenticate", 'Basic realm="apiframe"']


def bcrypt_hash(password: str, prefix: str = "$2b$") -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode().replace("$2b$", prefix, 1)


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture
def htpasswd(tmp_path):
    path = tmp_path / "htpasswd"
    path.write_text("\n".join([
        "# users of the test API",
        f"alice:{bcrypt_hash('wonderland')}",
        "",
        f"admin:{bcrypt_hash('s3cret', '$2y$')}",
        f"bob:{bcrypt_hash('builder')}:construction:reader,auditor",
        f"carol:{bcrypt_hash('pässwörd')}::",
    ]) + "\n")
    return str(path)


@pytest.fixture
def app(htpasswd, inner_app):
    return webtest.TestApp(FaultWrapper(build_auth_middleware("http_basic", inner_app, htpasswd_file=htpasswd)))


@pytest.mark.parametrize(("user", "password", "project", "roles"), [
    ("alice", "wonderland", "alice", ["member", "reader"]),
    ("admin", "s3cret", "admin", ["admin", "member", "reader"]),
    ("bob", "builder", "construction", ["reader", "auditor"]),
    ("carol", "pässwörd", "carol", ["member", "reader"]),
])
def test_good_password_gives_identity(app, user, password, project, roles):
    seen = app.get("/", headers=basic(user, password)).json
    assert seen["identity"]["user_id"] == user
    assert seen["identity"]["project_id"] == project
    assert seen["identity"]["roles"] == roles
    assert seen["challenge"] == [CHALLENGE]


def test_repeated_request_is_served_from_the_verified_cache(app):
    first = app.get("/", headers=basic("alice", "wonderland")).json
    assert app.get("/", headers=basic("alice", "wonderland")).json == first
    app.get("/", headers=basic("alice", "wonderland!"), status=401)


@pytest.mark.parametrize("headers", [
    basic("alice", "wrong"),
    basic("mallory", "wonderland"),
    basic("alice", ""),
    {"Authorization": "Basic !!!not-base64"},
    {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()},
    {"Authorization": "Bearer abc"},
])
def test_bad_credentials_answer_401_with_challenge(app, headers):
    response = app.get("/", headers=headers, status=401)
    assert response.json["unauthorized"]["code"] == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="apiframe"'


def test_no_credentials_pass_on_with_the_challenge(app):
    seen = app.get("/").json
    assert seen["identity"] is None
    assert seen["challenge"] == [CHALLENGE]


def test_spoofed_identity_headers_are_ignored(app, spoofed_headers):
    seen = app.get("/", headers={**spoofed_headers, **basic("alice", "wonderland")}).json
    assert (seen["identity"]["user_id"], seen["identity"]["project_id"]) == ("alice", "alice")
    assert seen["identity"]["roles"] == ["member", "reader"]
    assert seen["leftover"] == {}
    anonymous = app.get("/", headers=spoofed_headers).json
    assert anonymous["identity"] is None
    assert anonymous["leftover"] == {}


def test_missing_file_is_a_startup_error(tmp_path, inner_app):
    missing = tmp_path / "nope"
    with pytest.raises(exception.StartupError, match=f"cannot read htpasswd file {missing}"):
        build_auth_middleware("http_basic", inner_app, htpasswd_file=str(missing))


def test_strategy_needs_a_file(inner_app):
    with pytest.raises(exception.StartupError, match="htpasswd"):
        build_auth_middleware("http_basic", inner_app)


@pytest.mark.parametrize(("content", "message"), [
    ("alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n", r"htpasswd:1: user 'alice' has no bcrypt hash"),
    ("# only a comment\nalice\n", r"htpasswd:2: expected user:bcrypt-hash"),
    ("alice:$2b$04$x:project\n", r"htpasswd:1: expected"),
    ("alice:$2b$04$x\nalice:$2b$04$y\n", r"htpasswd:2: user 'alice' is listed twice"),
    ("\n# nobody\n", "has no users"),
])
def test_malformed_file_is_a_startup_error(tmp_path, content, message):
    path = tmp_path / "htpasswd"
    path.write_text(content)
    with pytest.raises(exception.StartupError, match=message):
        load_htpasswd(str(path))

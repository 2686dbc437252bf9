"""A database that cannot serve answers 503 with ``Retry-After``, whatever an operation declares.

``flavors:index`` declares no 503: the database being down is not the operation's error,
and the client must learn that a retry may succeed, not get a 500.
"""

from __future__ import annotations

import logging

import pytest

from apiframe.testing import AppFixture, assert_fault

PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFJ16IA0631fq6ldwzuJzUxOgIr7iPD2TN7t0TWbSa9v test"


@pytest.fixture
def unmigrated_app():
    """The compute API on a database nobody ran ``apiframe-manage db sync`` on."""
    with AppFixture(["flavors", "servers", "keypairs"]) as app:
        yield app


def test_an_unmigrated_database_answers_503_and_tells_the_operator_once(unmigrated_app, caplog):
    client = unmigrated_app.client("member", version="2.1")
    caplog.set_level(logging.INFO)
    for _ in range(2):
        resp = client.get("/flavors", status=503)
        assert_fault(resp, 503, "serviceUnavailable", "The database is unavailable; retry later.")
        assert resp.headers["Retry-After"] == "5"
        assert resp.headers["OpenStack-API-Version"] == "compute 2.1"
    created = client.post("/os-keypairs", {"keypair": {"name": "k", "public_key": PUBLIC_KEY}}, status=503)
    assert_fault(created, 503, "serviceUnavailable")
    messages = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert [m for m in messages if "run 'apiframe-manage db sync'" in m] == messages[:1]
    assert len(messages) == 1, messages
    assert not any("undeclared" in m or "Traceback" in m for m in caplog.text.splitlines())


def test_a_database_that_cannot_be_opened_answers_503(tmp_path):
    missing = tmp_path / "no-such-directory" / "apiframe.sqlite"
    with AppFixture(["flavors"], config={"database": {"connection": f"sqlite:///{missing}"}}) as app:
        resp = app.client("member").get("/flavors/1", status=503)
    assert_fault(resp, 503, "serviceUnavailable")
    assert resp.headers["Retry-After"] == "5"

"""Key pairs: CRUD, name order and pagination, uniqueness decided by the database."""

import threading

import pytest

from apiframe import exception
from apiframe.compute.db import api


def _create(session, name, user_id="u1"):
    return api.keypair_create(
        session, api.utcnow(), user_id=user_id, name=name, public_key=f"ssh-ed25519 {name}",
        fingerprint=f"fp-{name}",
    )


def test_create_get_delete(db):
    with db.transaction() as session:
        created = _create(session, "mykey")
    with db.transaction() as session:
        keypair = api.keypair_get(session, "u1", "mykey")
        assert (keypair.id, keypair.public_key, keypair.type) == (created.id, "ssh-ed25519 mykey", "ssh")
        api.keypair_delete(session, "u1", "mykey")
    with db.transaction() as session, pytest.raises(exception.NotFound) as caught:
        api.keypair_get(session, "u1", "mykey")
    assert caught.value.message == "Keypair mykey not found for user u1"


def test_names_are_unique_per_user_only(db):
    with db.transaction() as session:
        _create(session, "key")
        _create(session, "key", user_id="u2")
        _create(session, "Key")
    with db.transaction() as session, pytest.raises(exception.Conflict) as caught:
        _create(session, "key")
    assert caught.value.message == "Key pair 'key' already exists."


def test_list_is_sorted_by_name_and_pages_by_marker(db):
    with db.transaction() as session:
        for name in ["delta", "alpha", "charlie", "bravo", "echo"]:
            _create(session, name)
        _create(session, "aaa-other-user", user_id="u2")
    with db.transaction() as session:
        assert [k.name for k in api.keypair_list(session, "u1")] == [
            "alpha", "bravo", "charlie", "delta", "echo"
        ]
        assert [k.name for k in api.keypair_list(session, "u1", limit=2)] == ["alpha", "bravo"]
        assert [k.name for k in api.keypair_list(session, "u1", limit=2, marker="bravo")] == [
            "charlie", "delta"
        ]
        assert api.keypair_list(session, "u1", marker="echo") == []


def test_unknown_marker_is_bad_request(db):
    with db.transaction() as session, pytest.raises(exception.BadRequest) as caught:
        api.keypair_list(session, "u1", marker="nope")
    assert caught.value.message == "Marker nope could not be found."


def test_concurrent_creates_of_one_name_get_one_conflict(db):
    inserted = threading.Event()
    outcomes = {}

    def first():
        with db.transaction() as session:
            _create(session, "race")
            inserted.set()
            # Hold the uncommitted row while the second transaction tries its insert.
            threading.Event().wait(0.5)
        outcomes["first"] = "created"

    def second():
        inserted.wait(5)
        try:
            with db.transaction() as session:
                _create(session, "race")
            outcomes["second"] = "created"
        except exception.Conflict as error:
            outcomes["second"] = error.message

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert outcomes == {"first": "created", "second": "Key pair 'race' already exists."}
    with db.transaction() as session:
        assert [k.name for k in api.keypair_list(session, "u1")] == ["race"]

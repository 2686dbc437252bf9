"""Quota limits, usage, Nova's over-quota messages, and checks under concurrency."""

import threading
import time

import pytest

from apiframe import exception
from apiframe.compute import driver
from apiframe.compute.db import api

BIG = {"flavorid": "4", "name": "m1.large", "vcpus": 4, "ram": 8192, "disk": 80}


def test_usage_counts_live_servers_of_the_project(db, make_server):
    make_server(flavor=BIG)
    make_server(flavor=BIG)
    make_server(project_id="other", flavor=BIG)
    gone = make_server(flavor=BIG)
    with db.transaction() as session:
        server = api.server_get(session, gone.id, api.utcnow())
        driver.FakeDriver().delete(server, api.utcnow())
    with db.transaction() as session:
        assert api.quota_usage(session, "p1") == {"instances": 2, "cores": 8, "ram": 16384}
        assert api.quota_usage(session, "empty") == {"instances": 0, "cores": 0, "ram": 0}


def test_over_quota_message_is_novas(db, make_server):
    for _ in range(2):
        make_server()
    limits = {"instances": 2, "cores": 20, "ram": 51200}
    with db.transaction() as session, pytest.raises(exception.OverQuota) as caught:
        api.check_quota(session, "p1", {"instances": 1, "cores": 1, "ram": 512}, limits)
    assert caught.value.code == 403
    assert caught.value.message == (
        "Quota exceeded for instances: Requested 1, but already used 2 of 2 instances"
    )
    with db.transaction() as session, pytest.raises(exception.OverQuota) as caught:
        api.check_quota(session, "p1", {"instances": 0, "cores": 30, "ram": 99999}, limits)
    assert caught.value.message == (
        "Quota exceeded for cores, ram: Requested 30, 99999, but already used 2, 1024 "
        "of 20, 51200 cores, ram"
    )


def test_unlimited_and_overridden_limits(db, make_server):
    make_server()
    defaults = {"instances": 1, "cores": -1, "ram": -1}
    with db.transaction() as session:
        api.check_quota(session, "p1", {"cores": 1000, "ram": 10**6}, defaults)
        api.quota_set(session, "p1", "instances", 5)
        api.quota_set(session, "p1", "instances", 3)
        api.quota_set(session, "p2", "cores", 7)
    with db.transaction() as session:
        limits = api.quota_limits(session, "p1", defaults)
        assert limits == {"instances": 3, "cores": -1, "ram": -1}
        api.check_quota(session, "p1", {"instances": 2}, limits)
        with pytest.raises(exception.OverQuota):
            api.check_quota(session, "p1", {"instances": 3}, limits)


def test_keypair_and_metadata_limits(db, make_server):
    with db.transaction() as session:
        for name in ("a", "b"):
            api.check_keypair_quota(session, "u1", 2)
            api.keypair_create(session, api.utcnow(), user_id="u1", name=name, public_key="k", fingerprint="f")
    with db.transaction() as session, pytest.raises(exception.OverQuota) as caught:
        api.check_keypair_quota(session, "u1", 2)
    assert caught.value.message == "Quota exceeded, too many key pairs."
    with pytest.raises(exception.OverQuota) as caught:
        api.check_metadata_quota(129, 128)
    assert caught.value.message == "Maximum number of metadata items exceeds 128"
    api.check_metadata_quota(10**6, -1)


def test_concurrent_creates_never_exceed_the_quota(db):
    limit, attempts = 3, 8
    outcomes = []
    start = threading.Barrier(attempts)

    def boot():
        start.wait(10)
        try:
            with db.transaction() as session:
                api.check_quota(session, "p1", {"instances": 1}, {"instances": limit})
                # Widen the window between counting and inserting: without the lock every
                # thread would count zero here and all would create a server.
                time.sleep(0.05)
                api.server_create(
                    session, api.utcnow(), project_id="p1", user_id="u1", name="s", flavor=BIG
                )
            outcomes.append("created")
        except exception.OverQuota:
            outcomes.append("over quota")

    threads = [threading.Thread(target=boot) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(outcomes) == ["created"] * limit + ["over quota"] * (attempts - limit)
    with db.transaction() as session:
        assert api.quota_usage(session, "p1")["instances"] == limit

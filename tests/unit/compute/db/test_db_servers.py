"""Servers: create/get, list filters, sorting and pagination, lazy settling, metadata, tags."""

import datetime as dt
import itertools

import pytest
import sqlalchemy as sa

from apiframe import exception
from apiframe.compute import driver
from apiframe.compute.db import api
from apiframe.compute.db.models import Server

T0 = dt.datetime(2025, 1, 1, 12, 0, 0)


def _at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def _ids(servers):
    return [server.id for server in servers]


def test_create_and_get(db, make_server):
    created = make_server(name="web 1_A", image_ref="img", metadata={"a": "1"}, tags=["x", "y"])
    with db.transaction() as session:
        server = api.server_get(session, created.id, api.utcnow(), project_id="p1")
        assert (server.name, server.hostname, server.image_ref) == ("web 1_A", "web-1-a", "img")
        assert (server.vm_state, server.task_state, server.power_state) == ("building", "scheduling", 0)
        assert (server.vcpus, server.memory_mb, server.flavorid) == (1, 512, "1")
        assert server.reservation_id.startswith("r-") and len(server.reservation_id) == 10
        assert server.security_groups == [{"name": "default"}]
        assert server.metadata_dict == {"a": "1"}
        assert server.tag_names == ["x", "y"]


def test_get_is_scoped_to_the_project(db, make_server):
    created = make_server()
    with db.transaction() as session:
        assert api.server_get(session, created.id, api.utcnow()).id == created.id
        with pytest.raises(exception.NotFound) as caught:
            api.server_get(session, created.id, api.utcnow(), project_id="someone-else")
    assert caught.value.message == f"Instance {created.id} could not be found."


def test_reads_settle_due_tasks_and_persist_them(db, make_server):
    fake = driver.FakeDriver(boot_delay=10)
    created = make_server(now=_at(0))
    with db.transaction() as session:
        fake.spawn(api.server_get(session, created.id, _at(0)), _at(0))

    with db.transaction() as session:
        assert driver.server_status(api.server_get(session, created.id, _at(5))) == "BUILD"
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(11))
        assert driver.server_status(server) == "ACTIVE"
    with db.transaction() as session:
        row = session.execute(
            sa.select(Server.vm_state, Server.task_state, Server.power_state, Server.launched_at,
                      Server.updated_at, Server.task_due_at)
        ).one()
    assert tuple(row) == ("active", None, driver.POWER_RUNNING, _at(10), _at(10), None)


def test_list_settles_before_filtering_by_status(db, make_server):
    fake = driver.FakeDriver(boot_delay=10)
    created = make_server(now=_at(0))
    with db.transaction() as session:
        fake.spawn(api.server_get(session, created.id, _at(0)), _at(0))
    active = api.ServerFilters(status=["ACTIVE"])
    with db.transaction() as session:
        assert api.server_list(session, _at(1), filters=active) == []
    with db.transaction() as session:
        assert _ids(api.server_list(session, _at(20), filters=active)) == [created.id]


def test_status_filter_is_exact_for_task_states(db, make_server):
    fake = driver.FakeDriver(action_delay=60)
    servers = [make_server(now=_at(0)) for _ in range(3)]
    with db.transaction() as session:
        loaded = [api.server_get(session, s.id, _at(0)) for s in servers]
        for server in loaded:
            fake.spawn(server, _at(0))
            driver.settle(server, _at(0))
        fake.reboot(loaded[1], "SOFT", _at(1))
        fake.stop(loaded[2], _at(1))

    def listed(*statuses):
        with db.transaction() as session:
            return set(_ids(api.server_list(session, _at(2), filters=api.ServerFilters(status=statuses))))

    ids = [s.id for s in servers]
    # A server that is powering off is still ACTIVE to the API; a rebooting one is not.
    assert listed("active") == {ids[0], ids[2]}
    assert listed("REBOOT") == {ids[1]}
    assert listed("REBOOT", "SHUTOFF") == {ids[1]}
    assert listed("NO-SUCH-STATUS") == set()


def test_default_order_is_newest_first_and_marker_pages(db, make_server):
    servers = [make_server(now=_at(i), name=f"s{i}") for i in range(5)]
    newest_first = list(reversed(_ids(servers)))
    with db.transaction() as session:
        assert _ids(api.server_list(session, _at(10))) == newest_first
        page1 = api.server_list(session, _at(10), limit=2)
        page2 = api.server_list(session, _at(10), limit=2, marker=page1[-1].id)
        page3 = api.server_list(session, _at(10), limit=2, marker=page2[-1].id)
    assert _ids(page1 + page2 + page3) == newest_first


def test_unknown_marker_is_bad_request(db, make_server):
    other = make_server(project_id="p2")
    with db.transaction() as session:
        for marker in ("does-not-exist", other.id):
            with pytest.raises(exception.BadRequest) as caught:
                api.server_list(session, _at(0), project_id="p1", marker=marker)
            assert caught.value.message == f"marker [{marker}] not found"


@pytest.mark.parametrize(
    ("keys", "dirs"),
    [(["display_name"], ["asc"]), (["key_name"], ["asc"]), (["key_name", "display_name"], ["desc", "asc"]),
     (["host"], ["desc"]), (["locked"], [])],
)
def test_every_page_walk_matches_the_full_sort(db, make_server, keys, dirs):
    # Duplicates and NULLs in the sort keys are where keyset pagination goes wrong.
    values = itertools.product(["b", "a"], [None, "k1", "k2"])
    for i, (name, key_name) in enumerate(values):
        make_server(now=_at(i % 3), name=name, key_name=key_name, locked=bool(i % 2))
    with db.transaction() as session:
        everything = _ids(api.server_list(session, _at(9), sort_keys=keys, sort_dirs=dirs))
        walked, marker = [], None
        while True:
            page = api.server_list(session, _at(9), sort_keys=keys, sort_dirs=dirs, limit=4, marker=marker)
            walked += _ids(page)
            if len(page) < 4:
                break
            marker = page[-1].id
    assert len(everything) == 6
    assert walked == everything


def test_sort_by_name_puts_null_key_names_first(db, make_server):
    make_server(name="x", key_name="k")
    make_server(name="y", key_name=None)
    with db.transaction() as session:
        listed = api.server_list(session, _at(9), sort_keys=["key_name"], sort_dirs=["asc"])
        assert [s.name for s in listed] == ["y", "x"]
        listed = api.server_list(session, _at(9), sort_keys=["display_name"], sort_dirs=["desc"])
        assert [s.name for s in listed] == ["y", "x"]


def test_bad_sort_parameters(db):
    with db.transaction() as session:
        with pytest.raises(exception.BadRequest, match="Sort key supplied was not valid."):
            api.server_list(session, _at(0), sort_keys=["password"])
        with pytest.raises(exception.BadRequest, match="Sort direction size exceeds sort key size"):
            api.server_list(session, _at(0), sort_keys=["name"], sort_dirs=["asc", "desc"])
        with pytest.raises(exception.BadRequest, match="Unknown sort direction"):
            api.server_list(session, _at(0), sort_keys=["name"], sort_dirs=["up"])


def test_name_regex_filter(db, make_server):
    for name in ("web-1", "web-2", "db-1", "my web"):
        make_server(name=name)

    def names(pattern):
        with db.transaction() as session:
            return sorted(s.name for s in api.server_list(session, _at(0), filters=api.ServerFilters(name=pattern)))

    assert names("web") == ["my web", "web-1", "web-2"]
    assert names("^web-[0-9]$") == ["web-1", "web-2"]
    assert names("1$") == ["db-1", "web-1"]
    with pytest.raises(exception.BadRequest, match="Invalid regular expression"):
        names("web(")


def test_attribute_filters(db, make_server):
    a = make_server(user_id="alice", image_ref="img-1", locked=True, flavor={**_flavor("7")})
    b = make_server(user_id="bob", image_ref="img-2")

    def ids(**filters):
        with db.transaction() as session:
            return _ids(api.server_list(session, _at(0), filters=api.ServerFilters(**filters)))

    assert ids(user_id="alice") == [a.id]
    assert ids(image="img-2") == [b.id]
    assert ids(locked=True) == [a.id]
    assert ids(locked=False) == [b.id]
    assert ids(flavor="7") == [a.id]
    assert ids(reservation_id=b.reservation_id) == [b.id]


def _flavor(flavorid):
    return {"flavorid": flavorid, "name": f"f{flavorid}", "vcpus": 1, "ram": 64, "disk": 1}


def test_tag_filters(db, make_server):
    both = make_server(tags=["a", "b"])
    only_a = make_server(tags=["a"])
    none = make_server(tags=[])

    def ids(**filters):
        with db.transaction() as session:
            return set(_ids(api.server_list(session, _at(0), filters=api.ServerFilters(**filters))))

    assert ids(tags=["a", "b"]) == {both.id}
    assert ids(tags_any=["b", "zzz"]) == {both.id}
    assert ids(tags_any=["a"]) == {both.id, only_a.id}
    assert ids(not_tags=["a", "b"]) == {only_a.id, none.id}
    assert ids(not_tags_any=["b"]) == {only_a.id, none.id}
    assert ids(not_tags_any=["a"]) == {none.id}


def test_deleted_servers_vanish_except_for_changes_since(db, make_server):
    kept = make_server(now=_at(0))
    gone = make_server(now=_at(0))
    with db.transaction() as session:
        driver.FakeDriver().delete(api.server_get(session, gone.id, _at(5)), _at(5))
    with db.transaction() as session:
        with pytest.raises(exception.NotFound):
            api.server_get(session, gone.id, _at(6))
        assert _ids(api.server_list(session, _at(6))) == [kept.id]
        since = api.server_list(session, _at(6), filters=api.ServerFilters(changes_since=_at(1)))
        assert [(s.id, driver.server_status(s)) for s in since] == [(gone.id, "DELETED")]
        before = api.server_list(session, _at(6), filters=api.ServerFilters(changes_before=_at(1)))
        assert _ids(before) == [kept.id]
        only_deleted = api.server_list(session, _at(6), filters=api.ServerFilters(deleted=True))
        assert _ids(only_deleted) == [gone.id]


def test_update_touches_updated_at_and_refuses_state_columns(db, make_server):
    created = make_server(now=_at(0))
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(1))
        api.server_update(session, server, _at(3), name="renamed", access_ip_v4="192.0.2.1")
        with pytest.raises(TypeError, match="vm_state"):
            api.server_update(session, server, _at(3), vm_state="active")
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(4))
        assert (server.name, server.access_ip_v4, server.updated_at) == ("renamed", "192.0.2.1", _at(3))


def test_metadata_merge_replace_delete(db, make_server):
    created = make_server(metadata={"a": "1", "b": "2"})
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(0))
        assert api.server_metadata_update(session, server, {"b": "20", "c": "3"}, _at(1)) == {
            "a": "1", "b": "20", "c": "3"
        }
        assert api.server_metadata_update(
            session, server, {"c": "30", "d": "4"}, _at(2), replace=True
        ) == {"c": "30", "d": "4"}
        api.server_metadata_delete(session, server, "d", _at(3))
        with pytest.raises(exception.NotFound, match="Metadata item was not found"):
            api.server_metadata_delete(session, server, "d", _at(3))
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(4))
        assert server.metadata_dict == {"c": "30"}
        assert api.server_metadata_get(server, "c") == "30"


def test_metadata_quota(db, make_server):
    created = make_server(metadata={"a": "1"})
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(0))
        api.server_metadata_update(session, server, {"a": "x", "b": "2"}, _at(1), max_items=2)
        with pytest.raises(exception.OverQuota, match="exceeds 2"):
            api.server_metadata_update(session, server, {"c": "3"}, _at(1), max_items=2)


def test_tags_replace_add_delete(db, make_server):
    created = make_server(tags=["a", "b"])
    with db.transaction() as session:
        server = api.server_get(session, created.id, _at(0))
        assert api.server_tags_replace(session, server, ["b", "c"], _at(1)) == ["b", "c"]
        api.server_tag_add(session, server, "a", _at(1))
        api.server_tag_add(session, server, "a", _at(1))
        api.server_tag_delete(session, server, "b", _at(1))
        with pytest.raises(exception.NotFound, match="Tag b could not be found."):
            api.server_tag_delete(session, server, "b", _at(1))
    with db.transaction() as session:
        assert api.server_get(session, created.id, _at(2)).tag_names == ["a", "c"]

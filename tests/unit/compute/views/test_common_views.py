"""Links, pagination links and timestamp formats shared by the compute views."""

from __future__ import annotations

import datetime

from compute_view_fakes import HOST, PROJECT_ID, make_request

from apiframe.compute.views import common


def test_collection_links_only_when_page_is_full():
    req = make_request("2.1", query="limit=2")
    items = [{"id": "a"}, {"id": "b"}]
    assert common.collection_links(req, "servers", items, 2) == [
        {"rel": "next", "href": f"{HOST}/v2.1/{PROJECT_ID}/servers?limit=2&marker=b"}]
    assert common.collection_links(req, "servers", items[:1], 2) == []
    assert common.collection_links(req, "servers", [], 0) == []
    assert common.collection_links(req, "servers", items, None) == []


def test_collection_links_keep_other_params_sorted_and_replace_marker():
    req = make_request("2.1", query="status=ACTIVE&marker=old&limit=1&name=a%20b")
    links = common.collection_links(req, "servers/detail", [{"id": "new"}], 1)
    assert links[0]["href"] == (
        f"{HOST}/v2.1/{PROJECT_ID}/servers/detail?limit=1&marker=new&name=a+b&status=ACTIVE")


def test_collection_links_read_attributes_and_other_id_keys():
    class Flavor:
        flavorid = "42"

    req = make_request("2.1", project_in_url=False)
    assert common.collection_links(req, "flavors", [Flavor()], 1, id_key="flavorid") == [
        {"rel": "next", "href": f"{HOST}/v2.1/flavors?marker=42"}]


def test_resource_links():
    req = make_request("2.1")
    assert common.resource_links(req, "servers", "x") == [
        {"rel": "self", "href": f"{HOST}/v2.1/{PROJECT_ID}/servers/x"},
        {"rel": "bookmark", "href": f"{HOST}/{PROJECT_ID}/servers/x"},
    ]


def test_isotime():
    naive = datetime.datetime(2013, 9, 3, 4, 1, 32, 123)
    assert common.isotime(naive) == "2013-09-03T04:01:32Z"
    assert common.isotime(naive.replace(tzinfo=datetime.UTC)) == "2013-09-03T04:01:32Z"


def test_db_time():
    assert common.db_time(datetime.datetime(2014, 5, 7, 12, 6, 13, 681238)) == "2014-05-07T12:06:13.681238"
    assert common.db_time(datetime.datetime(2014, 5, 7, 12, 6, 13)) == "2014-05-07T12:06:13.000000"
    assert common.db_time(None) is None

"""Behaviour of /notes, written with the harness's fixtures and client."""

import pytest

from apiframe.testing import assert_fault


def create(client, title="groceries", **extra):
    return client.post("/notes", {"note": {"title": title, **extra}}, status=201).json["note"]


def test_create_then_show_and_list(api_client):
    note = create(api_client, text="milk")
    assert api_client.get(f"/notes/{note['id']}").json["note"] == note
    assert api_client.get("/notes").json["notes"] == [note]


def test_location_is_the_self_link(api_client):
    resp = api_client.post("/notes", {"note": {"title": "t"}}, status=201)
    assert resp.headers["Location"] == resp.json["note"]["links"][0]["href"]
    assert api_client.get(resp.headers["Location"]).json == resp.json


def test_limit_bounds_the_list(api_client):
    for title in ("a", "b", "c"):
        create(api_client, title)
    assert [n["title"] for n in api_client.get("/notes", params={"limit": 2}).json["notes"]] == ["a", "b"]
    assert_fault(api_client.get("/notes", params={"limit": "x"}, status=400), 400, "badRequest")


@pytest.mark.parametrize("limit", ["9" * 25, "9" * 5000])
def test_a_huge_limit_lists_everything(api_client, limit):
    for title in ("a", "b"):
        create(api_client, title)
    assert [n["title"] for n in api_client.get("/notes", params={"limit": limit}).json["notes"]] == ["a", "b"]


def test_tags_arrive_in_2_3(api_client):
    old, new = api_client.at_version("2.2"), api_client.at_version("2.3")
    message = assert_fault(old.post("/notes", {"note": {"title": "t", "tags": ["x"]}}, status=400),
                           400, "badRequest")
    assert "Property 'tags' is not supported at microversion 2.2; supported: " in message
    note = create(new, tags=["x"])
    assert note["tags"] == ["x"]
    assert "tags" not in old.get(f"/notes/{note['id']}").json["note"]


@pytest.mark.parametrize("body", [{}, {"note": {}}, {"note": {"title": ""}}, {"note": {"title": "t", "x": 1}}])
def test_invalid_bodies_are_refused(api_client, body):
    assert_fault(api_client.post("/notes", body, status=400), 400, "badRequest")


def test_delete(api_client):
    note = create(api_client)
    api_client.delete(f"/notes/{note['id']}", status=204)
    assert_fault(api_client.get(f"/notes/{note['id']}", status=404), 404, "itemNotFound",
                 f"Note {note['id']} could not be found.")


def test_notes_stay_in_their_project(apiframe_app):
    note = create(apiframe_app.client("member"))
    other = apiframe_app.client("other-project")
    assert other.get("/notes").json == {"notes": []}
    assert_fault(other.get(f"/notes/{note['id']}", status=404), 404, "itemNotFound")
    assert_fault(other.delete(f"/notes/{note['id']}", status=404), 404, "itemNotFound")


def test_readers_read_but_do_not_write(apiframe_app):
    note = create(apiframe_app.client("member"))
    reader = apiframe_app.client("reader")
    assert reader.get(f"/notes/{note['id']}").json["note"]["id"] == note["id"]
    assert_fault(reader.post("/notes", {"note": {"title": "t"}}, status=403), 403, "forbidden")


@pytest.mark.apiframe_app(policy={"notes:create": "role:admin"})
def test_operators_can_restrict_creation(apiframe_app):
    assert_fault(apiframe_app.client("member").post("/notes", {"note": {"title": "t"}}, status=403),
                 403, "forbidden")
    create(apiframe_app.client("admin"))


def test_each_test_gets_a_fresh_database(api_client):
    assert api_client.get("/notes").json == {"notes": []}

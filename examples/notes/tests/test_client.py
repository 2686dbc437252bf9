"""The notes API called the way its users call it: through apiframe.client's ``conn.notes``."""

import pytest
from apiframe_notes.client import Note, NotesProxy

from apiframe.client import BadRequest, Forbidden, NotFound, UnsupportedMicroversion
from apiframe.testing.client_drift import assert_client_matches


def test_the_client_matches_the_server_at_every_microversion(apiframe_app):
    assert_client_matches(apiframe_app.api, NotesProxy)


def test_create_list_show_delete(apiframe_app):
    notes = apiframe_app.connection("member").notes
    assert notes.microversion == str(apiframe_app.api.history.max)
    note = notes.create_note(title="shopping", text="milk", tags=["home"])
    assert (note.title, note.text, note.tags) == ("shopping", "milk", ["home"])
    assert [n.id for n in notes.notes()] == [note.id]
    assert notes.get_note(note.id) == note
    notes.delete_note(note)
    with pytest.raises(NotFound, match=f"Note {note.id} could not be found."):
        notes.get_note(note.id)


def test_tags_need_2_3(apiframe_app):
    old = apiframe_app.connection("member", microversion="2.1").notes
    with pytest.raises(UnsupportedMicroversion, match="Note.tags on create needs microversion 2.3"):
        old.create_note(title="t", tags=["x"])
    note = old.create_note(title="t")
    assert note.tags is None
    assert apiframe_app.connection("member").notes.get_note(note).tags == []


def test_errors_carry_the_servers_message(apiframe_app):
    with pytest.raises(Forbidden) as refused:
        apiframe_app.connection("reader").notes.create_note(title="no")
    assert refused.value.message == "Policy doesn't allow notes:create to be performed."
    assert refused.value.request_id.startswith("req-")
    with pytest.raises(BadRequest, match="Invalid input for field/attribute title"):
        apiframe_app.connection("member").notes.create_note(title="")


def test_a_resource_method_finds_its_proxy(apiframe_app):
    conn = apiframe_app.connection("member")
    assert conn.proxy_for(Note) is conn.notes

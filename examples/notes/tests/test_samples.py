"""API samples of /notes: request and response templates per microversion, and their docs."""

import pathlib

import pytest

from apiframe.testing import Samples

HERE = pathlib.Path(__file__).parent
SAMPLES = Samples(HERE / "samples" / "notes", HERE.parent / "docs" / "api-samples" / "notes")


@pytest.mark.parametrize("version", ["2.1", "2.3"])
def test_create_show_list(apiframe_app, version):
    client = apiframe_app.client(version=version)
    subs = {"title": "groceries", "text": "milk, eggs"}
    created = SAMPLES.call(client, "POST", "/notes", "note-create-req", "note-create-resp", subs, status=201)
    subs["id"] = created.json["note"]["id"]
    SAMPLES.call(client, "GET", f"/notes/{subs['id']}", response="note-show-resp", subs=subs)
    SAMPLES.call(client, "GET", "/notes", response="notes-list-resp", subs=subs)

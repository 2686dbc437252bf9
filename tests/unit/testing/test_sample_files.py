"""Sample files: lookup by microversion, mismatch reports, docs, and the regenerate mode."""

import json

import pytest
import webtest

from apiframe.testing.samples import DOC_HOST, GENERATE_ENV, SampleMismatch, Samples

UUID = "0b7a1c9e-2f4d-4a6b-8c1d-3e5f7a9b0c2d"
ENDPOINTS = {"endpoint": "http://localhost/v2.1", "bookmark_endpoint": "http://localhost",
             "host": "http://localhost"}


def response(body, version="2.1"):
    resp = webtest.TestResponse(json.dumps(body), content_type="application/json", charset="utf-8")
    resp.headers["OpenStack-API-Version"] = f"compute {version}"
    return resp


def write(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value))


@pytest.fixture
def samples(tmp_path):
    return Samples(tmp_path / "tpl", tmp_path / "docs", generate=False)


def note(title="t", version="2.1"):
    body = {"note": {"id": UUID, "title": title,
                     "links": [{"rel": "self", "href": f"http://localhost/v2.1/notes/{UUID}"}]}}
    return response(body, version)


TEMPLATE = {"note": {"id": "%(uuid)s", "title": "%(title)s",
                     "links": [{"rel": "self", "href": "%(endpoint)s/notes/%(uuid)s"}]}}
DOC = {"note": {"id": UUID, "title": "old title",
                "links": [{"rel": "self", "href": f"{DOC_HOST}/v2.1/notes/{UUID}"}]}}


def test_matching_response_and_doc_pass(samples, tmp_path):
    write(tmp_path / "tpl/v2.1/show.json.tpl", TEMPLATE)
    write(tmp_path / "docs/v2.1/show.json", DOC)
    assert samples.verify("show", note(), {"title": "t"})["note"]["id"] == UUID


def test_mismatch_names_the_file_and_the_json_path(samples, tmp_path):
    write(tmp_path / "tpl/v2.1/show.json.tpl", TEMPLATE)
    with pytest.raises(SampleMismatch) as raised:
        samples.verify("show", note("other"), {"title": "t"})
    message = str(raised.value)
    assert str(tmp_path / "tpl/v2.1/show.json.tpl") in message
    assert "$.note.title: 'other' does not match '%(title)s'" in message
    assert GENERATE_ENV in message


def test_missing_or_stale_doc_fails(samples, tmp_path):
    write(tmp_path / "tpl/v2.1/show.json.tpl", TEMPLATE)
    with pytest.raises(SampleMismatch, match="documentation sample .*show.json: missing"):
        samples.verify("show", note(), {"title": "t"})
    write(tmp_path / "docs/v2.1/show.json", {"note": {}})
    with pytest.raises(SampleMismatch, match=r"\$.note: missing keys"):
        samples.verify("show", note(), {"title": "t"})


def test_template_of_the_nearest_lower_version_is_used(samples, tmp_path):
    write(tmp_path / "tpl/v2.1/show.json.tpl", TEMPLATE)
    write(tmp_path / "tpl/v2.5/show.json.tpl", {"note": {}})
    write(tmp_path / "docs/v2.1/show.json", DOC)
    samples.verify("show", note(version="2.4"), {"title": "t"})
    assert samples.find("show", "2.4") == tmp_path / "tpl/v2.1/show.json.tpl"
    assert samples.find("show", "2.10") == tmp_path / "tpl/v2.5/show.json.tpl"
    assert samples.find("show", "2.0") is None
    with pytest.raises(SampleMismatch, match="v2.5/show.json.tpl: \\$.note: unexpected keys"):
        samples.verify("show", note(version="2.5"), {"title": "t"})


def test_missing_template_fails_without_generate(samples, tmp_path):
    with pytest.raises(SampleMismatch, match="no template 'show' at or below 2.1"):
        samples.verify("show", note(), {"title": "t"})
    assert not (tmp_path / "tpl").exists()


def test_generate_mode_writes_missing_template_and_doc(tmp_path, monkeypatch):
    monkeypatch.setenv(GENERATE_ENV, "1")
    samples = Samples(tmp_path / "tpl", tmp_path / "docs")
    samples.verify("show", note(), {"title": "t"}, endpoints=ENDPOINTS)
    assert json.loads((tmp_path / "tpl/v2.1/show.json.tpl").read_text()) == TEMPLATE
    doc = json.loads((tmp_path / "docs/v2.1/show.json").read_text())
    assert doc["note"]["links"][0]["href"] == f"{DOC_HOST}/v2.1/notes/{UUID}"
    monkeypatch.delenv(GENERATE_ENV)
    Samples(tmp_path / "tpl", tmp_path / "docs").verify("show", note(), {"title": "t"})


def test_generate_mode_writes_a_changed_sample_at_the_exact_version(tmp_path):
    write(tmp_path / "tpl/v2.1/show.json.tpl", TEMPLATE)
    write(tmp_path / "docs/v2.1/show.json", DOC)
    samples = Samples(tmp_path / "tpl", tmp_path / "docs", generate=True)
    changed = response({"note": {"id": UUID, "title": "t", "tags": [], "links": []}}, "2.3")
    samples.verify("show", changed, {"title": "t"}, endpoints=ENDPOINTS)
    assert json.loads((tmp_path / "tpl/v2.3/show.json.tpl").read_text())["note"]["tags"] == []
    assert json.loads((tmp_path / "tpl/v2.1/show.json.tpl").read_text()) == TEMPLATE
    assert (tmp_path / "docs/v2.3/show.json").is_file()


def test_request_templates_fill_subs_and_have_docs(samples, tmp_path):
    write(tmp_path / "tpl/v2.1/create.json.tpl", {"note": {"title": "%(title)s", "size": "%(size)s"}})
    with pytest.raises(SampleMismatch, match="create.json: missing"):
        samples.request("create", {"title": "x", "size": 2}, version="2.2")
    write(tmp_path / "docs/v2.1/create.json", {"note": {"title": "shown in docs", "size": 1}})
    assert samples.request("create", {"title": "x", "size": 2}, version="2.2") == {"note": {"title": "x", "size": 2}}
    with pytest.raises(FileNotFoundError, match="v2.1/delete.json.tpl"):
        samples.request("delete", version="2.1")


def test_version_comes_from_the_response(samples):
    with pytest.raises(ValueError, match="pass version="):
        samples.verify("show", webtest.TestResponse("{}", content_type="application/json", charset="utf-8"))

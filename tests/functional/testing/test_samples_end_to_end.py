"""API samples against the running sample plugins: write in regenerate mode, then verify."""

import json

import pytest

from apiframe.testing import GENERATE_ENV, SampleMismatch, Samples


def run(app, samples, version):
    client = app.client(version=version)
    subs = {"name": "spanner"}
    created = samples.call(client, "POST", "/widgets", "widget-create-req", "widget-create-resp", subs,
                           status=200 if version == "2.1" else 201)
    samples.call(client, "GET", f"/widgets/{created.json['widget']['id']}", response="widget-show-resp", subs=subs)


@pytest.fixture
def sample_dirs(tmp_path):
    templates, docs = tmp_path / "samples", tmp_path / "docs"
    (templates / "v2.1").mkdir(parents=True)
    (templates / "v2.1" / "widget-create-req.json.tpl").write_text('{"widget": {"name": "%(name)s"}}')
    return templates, docs


def test_regenerate_then_verify(make_app, sample_dirs, monkeypatch):
    templates, docs = sample_dirs
    monkeypatch.setenv(GENERATE_ENV, "1")
    for version in ("2.1", "2.3", "2.5"):
        run(make_app(), Samples(templates, docs), version)
    written = sorted(str(p.relative_to(templates)) for p in templates.rglob("*.tpl"))
    # 2.5 shows widgets as 2.3 does; only the versions that change a shape get files.
    assert written == ["v2.1/widget-create-req.json.tpl", "v2.1/widget-create-resp.json.tpl",
                       "v2.1/widget-show-resp.json.tpl", "v2.3/widget-create-resp.json.tpl",
                       "v2.3/widget-show-resp.json.tpl", "v2.5/widget-show-resp.json.tpl"]
    assert json.loads((templates / "v2.3/widget-show-resp.json.tpl").read_text()) == {
        "widget": {"id": "1", "name": "%(name)s", "size": 1}}
    assert json.loads((docs / "v2.1/widget-create-req.json").read_text()) == {"widget": {"name": "spanner"}}
    monkeypatch.delenv(GENERATE_ENV)
    for version in ("2.1", "2.3", "2.5", "2.9"):
        run(make_app(), Samples(templates, docs), version)


def test_a_changed_response_is_reported_with_its_path(make_app, sample_dirs):
    templates, docs = sample_dirs
    run(make_app(), Samples(templates, docs, generate=True), "2.3")
    path = templates / "v2.3/widget-show-resp.json.tpl"
    path.write_text(json.dumps({"widget": {"id": "1", "name": "%(name)s", "size": 2}}))
    with pytest.raises(SampleMismatch) as raised:
        run(make_app(), Samples(templates, docs), "2.3")
    assert f"{path}: $.widget.size: expected 2, got 1" in str(raised.value)

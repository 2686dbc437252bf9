"""An API whose operations start at the root and whose only version document is Placement's.

The widgets API served with ``prefix=""`` and :class:`PlacementVersionDocuments`: ``GET /``
is the one version document, every other path is an operation or a page, and nothing is
special-cased for it.
"""

import dataclasses

import pytest
import webtest

from apiframe.app import build_app
from apiframe.conf import make_conf
from apiframe.version_documents import PlacementVersionDocuments

MEMBER = {"X-Auth-Token": "alice:p1", "OpenStack-API-Version": "widgets 1.2"}


@pytest.fixture
def app(widgets_api):
    from apiframe_widgets.definition import WIDGETS

    definition = dataclasses.replace(WIDGETS, prefix="", version_id="v1.0",
                                     version_documents=PlacementVersionDocuments())
    conf = make_conf()
    conf.set_override("name", "widgets", group="api")
    conf.set_override("enabled_plugins", ["widgets"], group="api")
    return webtest.TestApp(build_app(conf, definition=definition))


def test_root_is_the_placement_version_document(app):
    assert app.get("/").json == {"versions": [{
        "id": "v1.0", "max_version": "1.3", "min_version": "1.0", "status": "CURRENT",
        "links": [{"rel": "self", "href": ""}],
    }]}


def test_operations_start_at_the_root(app):
    created = app.post_json("/widgets", {"widget": {"name": "w", "color": "blue"}}, headers=MEMBER, status=201)
    assert app.get(f"/widgets/{created.json['widget']['id']}", headers=MEMBER).json["widget"]["color"] == "blue"
    assert app.get("/openapi.json").json["paths"]["/widgets"]
    assert '"/openapi.json?microversion=1.3"' in app.get("/docs").text
    assert app.request("/", method="POST", status=405).json["errors"][0]["status"] == 405


def test_unknown_paths_and_the_old_prefix_are_404(app):
    for path in ("/v1/widgets", "/nowhere", "/widgets/1/parts"):
        assert app.get(path, headers=MEMBER, status=404).json["errors"][0]["status"] == 404

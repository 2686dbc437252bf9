"""The declarations and decisions of the client layers, without a server."""

from __future__ import annotations

import pytest

from apiframe.api_version import APIVersion
from apiframe.client import (
    Action,
    Body,
    ClientError,
    InvalidArgument,
    Param,
    Proxy,
    QueryParameters,
    Resource,
    ServiceDescription,
    UnsupportedMicroversion,
    since,
)
from apiframe.client.discovery import VersionInfo, _entry, negotiate
from apiframe.client.plugins import compose

COMPUTE = ServiceDescription("compute", "/v2.1", "v2.1", "X-OpenStack-Nova-API-Version", "nova")
PLACEMENT = ServiceDescription("placement")


@pytest.mark.parametrize(("endpoint", "service", "document"), [
    ("http://h:8774", "http://h:8774/v2.1", "http://h:8774/v2.1/"),
    ("http://h:8774/v2.1/", "http://h:8774/v2.1", "http://h:8774/v2.1/"),
    ("http://h/compute/v2.1/project-1", "http://h/compute/v2.1/project-1", "http://h/compute/v2.1/"),
    ("http://h/v2.10", "http://h/v2.10/v2.1", "http://h/v2.10/v2.1/"),
])
def test_service_and_document_urls(endpoint, service, document):
    assert COMPUTE.service_url(endpoint) == service
    assert COMPUTE.document_url(service) == document


def test_an_api_without_url_prefix_and_the_version_headers():
    assert PLACEMENT.service_url("http://h/placement/") == "http://h/placement"
    assert PLACEMENT.document_url("http://h/placement") == "http://h/placement/"
    assert COMPUTE.version_headers("2.60") == {"OpenStack-API-Version": "compute 2.60",
                                               "X-OpenStack-Nova-API-Version": "2.60"}
    assert PLACEMENT.version_headers("1.39") == {"OpenStack-API-Version": "placement 1.39"}


def test_version_documents_of_both_shapes():
    assert _entry({"version": {"id": "v2.1"}}, COMPUTE) == {"id": "v2.1"}
    root = {"versions": [{"id": "v2.0", "status": "SUPPORTED"}, {"id": "v2.1", "status": "CURRENT"}]}
    assert _entry(root, COMPUTE)["id"] == "v2.1"
    assert _entry({"versions": [{"id": "v1.0", "max_version": "1.39"}]}, PLACEMENT)["id"] == "v1.0"
    assert _entry({"versions": {"values": [{"id": "v3.14", "status": "stable"}]}}, PLACEMENT)["id"] == "v3.14"
    assert _entry({"nothing": 1}, COMPUTE) is None


INFO = VersionInfo("v2.1", "CURRENT", APIVersion(2, 1), APIVersion(2, 90))


def test_negotiation():
    assert negotiate(INFO, APIVersion(2, 100), service="compute") == APIVersion(2, 90)
    assert negotiate(INFO, APIVersion(2, 60), service="compute") == APIVersion(2, 60)
    assert negotiate(INFO, None, service="compute", pinned="2.5") == APIVersion(2, 5)
    assert negotiate(INFO, APIVersion(2, 60), service="compute", minimum="2.50") == APIVersion(2, 60)
    with pytest.raises(UnsupportedMicroversion, match="2.95 is not available: the server offers 2.1 to 2.90"):
        negotiate(INFO, None, service="compute", pinned="2.95")
    with pytest.raises(UnsupportedMicroversion, match="2.70 is newer than this client, which knows up to 2.60"):
        negotiate(INFO, APIVersion(2, 60), service="compute", pinned="2.70")
    with pytest.raises(UnsupportedMicroversion, match="2.95 or later is required, but the server offers 2.1 to 2.90$"):
        negotiate(INFO, None, service="compute", minimum="2.95")
    with pytest.raises(UnsupportedMicroversion, match="this client knows up to 2.60"):
        negotiate(INFO, APIVersion(2, 60), service="compute", minimum="2.70")
    with pytest.raises(UnsupportedMicroversion, match="this client knows compute up to 1.5"):
        negotiate(INFO, APIVersion(1, 5), service="compute")
    plain = VersionInfo("v1", "CURRENT", None, None)
    assert negotiate(plain, None, service="x") is None
    with pytest.raises(UnsupportedMicroversion, match="has no microversions"):
        negotiate(plain, None, service="x", pinned="1.1")


class Widget(Resource):
    base_path = "/widgets"
    resource_key, resources_key = "widget", "widgets"
    allow_create = allow_fetch = allow_list = True
    allow_commit = since("2.5")
    query = QueryParameters("name", changes_since=Param("changes-since", min_microversion="2.3"))

    id = Body("id", str)
    name = Body("name", str, create=True, commit=True)
    size = Body("size", int, min_microversion="2.2", create=True)
    hint = Body("os:hint", dict, create=True, response=False, top_level=True)
    owner = Body("owner", str, create=since("2.4"))
    spin = Action("spin", speed=Param("speed", int, required=True), turns=Param("turns", int, min_microversion="2.3"))
    stop = Action("stop", min_microversion="2.2")


def test_request_bodies_and_their_checks():
    widget = Widget(name="w", size=3, hint={"near": "x"})
    assert widget.request_body("create", APIVersion(2, 2)) == {"widget": {"name": "w", "size": 3},
                                                              "os:hint": {"near": "x"}}
    with pytest.raises(UnsupportedMicroversion, match=r"Widget.size on create needs microversion 2.2 or later; "
                                                      r"this connection uses 2.1"):
        widget.request_body("create", APIVersion(2, 1))
    with pytest.raises(InvalidArgument, match="Widget.size cannot be set on commit"):
        widget.request_body("commit", APIVersion(2, 5))
    with pytest.raises(UnsupportedMicroversion, match="Widget.owner on create needs microversion 2.4"):
        Widget(owner="me").request_body("create", APIVersion(2, 3))
    with pytest.raises(InvalidArgument, match="Widget has no attribute 'colour'"):
        Widget(colour="red")


def test_reading_converts_types_and_shows_local_changes():
    widget = Widget({"id": "1", "name": "w", "size": "7"}, microversion=APIVersion(2, 2))
    assert (widget.size, widget.identity) == (7, "1")
    widget.name = "renamed"
    assert widget.to_dict() == {"id": "1", "name": "renamed", "size": 7, "hint": None, "owner": None}
    assert widget == Widget({"id": "1", "name": "renamed", "size": 7}) and widget != {"id": "1"}


def test_operations_with_ranges():
    operations = Widget.operations()
    assert set(operations) == {"create", "fetch", "list", "commit"}
    assert operations["commit"] == ("PUT", "/widgets/{id}", since("2.5"))
    assert operations["fetch"][:2] == ("GET", "/widgets/{id}")


def test_action_bodies():
    assert Widget.spin.body(APIVersion(2, 3), (5,), {"turns": 2}) == {"spin": {"speed": 5, "turns": 2}}
    assert Widget.stop.body(APIVersion(2, 2), (), {}) == {"stop": None}
    with pytest.raises(InvalidArgument, match="action 'spin' needs argument 'speed'"):
        Widget.spin.body(APIVersion(2, 3), (), {})
    with pytest.raises(UnsupportedMicroversion, match="argument 'turns' of action 'spin' needs microversion 2.3"):
        Widget.spin.body(APIVersion(2, 2), (1,), {"turns": 2})
    with pytest.raises(UnsupportedMicroversion, match="action 'stop' needs microversion 2.2"):
        Widget.stop.body(APIVersion(2, 1), (), {})
    with pytest.raises(InvalidArgument, match="takes no argument 'force'"):
        Widget.spin.body(APIVersion(2, 3), (1,), {"force": True})
    with pytest.raises(InvalidArgument, match="got argument 'speed' twice"):
        Widget.spin.body(APIVersion(2, 3), (1,), {"speed": 2})


def test_query_parameters():
    assert Widget.query.encode({"name": "a", "changes_since": None}, APIVersion(2, 1), "list") == {"name": "a"}
    assert Widget.query.encode({"name": [True, "b"]}, None, "list") == {"name": ["true", "b"]}
    with pytest.raises(UnsupportedMicroversion, match="query parameter 'changes_since' of list needs microversion"):
        Widget.query.encode({"changes_since": "2020"}, APIVersion(2, 2), "list")
    with pytest.raises(InvalidArgument, match=r"takes no query parameter 'size' \(it takes: changes_since, name\)"):
        Widget.query.encode({"size": 1}, None, "list")


class WidgetProxy(Proxy):
    description = PLACEMENT
    max_microversion = "2.9"
    resources = (Widget,)

    def widgets(self):
        """Every widget."""


class Colours:
    extends = "widgets"

    def paint(self):
        """Paint."""


class Clash:
    extends = "widgets"

    def widgets(self):
        """A second widgets()."""


def test_extensions_compose_and_clashes_are_named():
    composed = compose("widgets", WidgetProxy, {"colours": Colours, "other": type("O", (), {"extends": "x"})})
    assert hasattr(composed, "paint") and composed.client_max() == APIVersion(2, 9)
    assert composed.declared("resources") == [Widget]
    with pytest.raises(ClientError, match=r"client extension 'clash' defines widgets.widgets, which "
                                          r"test_layers.WidgetProxy already defines"):
        compose("widgets", WidgetProxy, {"clash": Clash})
    with pytest.raises(ClientError, match="is not an apiframe.client.Proxy subclass"):
        compose("widgets", Colours, {})

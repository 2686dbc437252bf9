"""The client layers on an API that is not compute: the widgets API (``/v1``, API-WG errors, no legacy header).

Its client is a few declarations under a proxy whose description is derived from the
widgets API definition: nothing in the client layers is compute-specific.
"""

import pytest

from apiframe.client import Body, NotFound, Proxy, Resource, UnsupportedMicroversion, since
from apiframe.testing import AppFixture
from apiframe.testing.client_drift import client_drift, service_description


class Widget(Resource):
    """A widget (its color from 1.2)."""

    base_path = "/widgets"
    resource_key, resources_key = "widget", "widgets"
    allow_list = allow_create = allow_fetch = allow_delete = True
    allow_commit = since("1.3")

    id = Body("id", str)
    name = Body("name", str, create=True, commit=True)
    color = Body("color", str, min_microversion="1.2", create=True)


class WidgetsMethods:
    """The widget calls."""

    extends = "widgets"
    resources = (Widget,)

    def widgets(self):
        return self._list(Widget)

    def get_widget(self, widget):
        return self._get(Widget, widget)

    def create_widget(self, **attrs):
        return self._create(Widget, **attrs)

    def update_widget(self, widget, **attrs):
        return self._update(Widget, widget, **attrs)

    def delete_widget(self, widget):
        self._delete(Widget, widget)


@pytest.fixture(scope="module")
def widgets_app(widgets_api):
    with AppFixture(["widgets"], config={"api": {"name": "widgets"}}) as app:
        yield app


@pytest.fixture(scope="module")
def widgets_proxy(widgets_app):
    """``WidgetsProxy``: the widget calls, described by the served API's definition."""
    return type("WidgetsProxy", (WidgetsMethods, Proxy),
                {"description": service_description(widgets_app.api.definition), "max_microversion": "1.3"})


def test_the_description_comes_from_the_api_definition(widgets_app):
    description = service_description(widgets_app.api.definition)
    assert (description.service_type, description.url_prefix, description.legacy_header,
            description.fault_format) == ("widgets", "/v1", None, "errors")
    assert description.version_headers("1.2") == {"OpenStack-API-Version": "widgets 1.2"}


def test_the_client_matches_the_widgets_api(widgets_app, widgets_proxy):
    assert client_drift(widgets_app.api, widgets_proxy) == []


def test_calls_errors_and_microversions_on_the_widgets_api(widgets_app, widgets_proxy):
    widgets = widgets_app.connection("member", proxies={"widgets": widgets_proxy}).widgets
    assert widgets.microversion == "1.3"
    created = widgets.create_widget(name="sprocket", color="red")
    assert (created.name, created.color) == ("sprocket", "red")
    assert [w.name for w in widgets.widgets()] == ["sprocket"]
    assert widgets.update_widget(created, name="cog").name == "cog"
    widgets.delete_widget(created)
    with pytest.raises(NotFound) as caught:
        widgets.get_widget(created.id)
    assert caught.value.status == 404 and "widgets.undefined_code" in caught.value.details
    assert caught.value.request_id.startswith("req-")
    old = widgets.at_microversion("1.1")
    with pytest.raises(UnsupportedMicroversion, match="1.2"):
        old.create_widget(name="x", color="blue")
    with pytest.raises(UnsupportedMicroversion, match="commit of Widget needs microversion 1.3"):
        old.update_widget(created, name="y")

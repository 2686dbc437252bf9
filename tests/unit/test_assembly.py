"""Assembly reads a plugin's controllers without running any of their code."""

import pytest
from oslo_policy.policy import RuleDefault

from apiframe import wsgi
from apiframe.api_version import VersionHistory
from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.exception import StartupError
from apiframe.extensions import ControllerExtension, Extension, PluginContext, ResourceSpec

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version", {"2.1": "base"})
ANYONE = "@"


class Touchy(wsgi.Controller):
    """A controller whose attributes do work when read, as a lazily opened store does."""

    evaluated: list[str] = []

    @property
    def store(self):
        Touchy.evaluated.append("store")
        raise RuntimeError("the store was opened while the API was assembled")

    @property
    def show(self):
        # A property where a standard operation would be is not an operation.
        Touchy.evaluated.append("show")
        raise RuntimeError("show was evaluated")

    def __getattr__(self, name):
        Touchy.evaluated.append(name)
        raise AttributeError(name)

    @wsgi.policy("touchy:list")
    @wsgi.expected_errors(())
    def index(self, req):
        return {"touchy": []}

    @wsgi.action("poke")
    @wsgi.policy("touchy:poke")
    @wsgi.expected_errors(())
    def _poke(self, req, id, body):
        return None

    @staticmethod
    def helper():
        return "not an operation"


class TouchyHooks(wsgi.Controller):
    """A controller extension with a property of its own."""

    @property
    def settings(self):
        Touchy.evaluated.append("settings")
        raise RuntimeError("settings were read while the API was assembled")

    @wsgi.extends
    def index(self, req, resp_obj):
        resp_obj.obj["hooked"] = True


class TouchyPlugin(Extension):
    """Touchy things."""

    name = "Touchy"
    alias = "touchy"

    def get_resources(self):
        return [ResourceSpec("touchy", Touchy())]

    def get_controller_extensions(self):
        return [ControllerExtension("touchy", TouchyHooks())]

    def get_policies(self):
        return [RuleDefault("touchy:list", ANYONE), RuleDefault("touchy:poke", ANYONE)]


def test_properties_and_getattr_are_never_evaluated():
    Touchy.evaluated.clear()
    context = PluginContext(conf=make_conf())
    api = build_api(context.conf, plugins=[TouchyPlugin(context)], history=HISTORY, context=context)
    assert Touchy.evaluated == []
    found = {(info.method, info.template, info.name, info.action) for info in api.assembly.operations
             if info.plugin == "touchy"}
    assert found == {("GET", "/touchy", "index", None), ("POST", "/touchy/{id}/action", "_poke", "poke")}
    [index] = [info for info in api.assembly.operations if info.name == "index" and info.plugin == "touchy"]
    assert [hook.value for hook in index.extended_by] == ["touchy"]


def test_an_action_that_names_a_property_is_refused_without_evaluating_it():
    Touchy.evaluated.clear()

    class Plugin(TouchyPlugin):
        def get_resources(self):
            return [ResourceSpec("touchy", Touchy(), member_actions={"store": "GET"})]

    context = PluginContext(conf=make_conf())
    with pytest.raises(StartupError, match=r"plugin 'touchy' \(test_assembly:.*Plugin\): Touchy has no method "
                                           r"'store'"):
        build_api(context.conf, plugins=[Plugin(context)], history=HISTORY, context=context)
    assert Touchy.evaluated == []

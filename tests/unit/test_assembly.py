"""Assembling an API reads the controllers' declarations and nothing else of them."""

from oslo_policy import policy

from apiframe import wsgi
from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.extensions import Extension, PluginContext, ResourceSpec
from apiframe.policy_rules import PROJECT_READER_OR_ADMIN
from apiframe.validation import query_schema, response_schema

RULE = "lazy:list"


class LazyController(wsgi.Controller):
    """A controller whose store is opened on first use, like a plugin's database handle."""

    opened = 0

    @property
    def store(self):
        type(self).opened += 1
        raise RuntimeError("the store is opened while the API is assembled")

    @wsgi.policy(RULE)
    @wsgi.expected_errors(())
    @query_schema({"type": "object", "properties": {}, "additionalProperties": False})
    @response_schema({"type": "object", "properties": {"items": {"type": "array"}}, "additionalProperties": False})
    def index(self, req):
        return {"items": []}


class Lazy(Extension):
    """Serves /items."""

    name = "Lazy"
    alias = "lazy"

    def get_resources(self):
        return [ResourceSpec("items", LazyController())]

    def get_policies(self):
        return [policy.RuleDefault(RULE, PROJECT_READER_OR_ADMIN)]


def test_controller_properties_are_not_read_while_assembling():
    conf = make_conf()
    context = PluginContext(conf=conf)
    api = build_api(conf, plugins=[Lazy(context)], context=context)
    assert ("GET", "/items") in {(info.method, info.template) for info in api.assembly.operations}
    assert LazyController.opened == 0

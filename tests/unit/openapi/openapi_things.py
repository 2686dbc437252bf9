"""A small API whose operations change across microversions 2.1-2.5, for the OpenAPI tests."""

from oslo_policy import policy

from apiframe import wsgi
from apiframe.api_version import VersionHistory
from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.extensions import Extension, PluginContext, ResourceSpec
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN
from apiframe.validation import SchemaFragment, query_schema, response_schema, schema
from apiframe.validation.parameter_types import multi_params

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                         {f"2.{n}": f"Things change, step {n}." for n in range(1, 6)})
LIST_RULE = "things:list"
RULE = "things:%s"

index_query = {"type": "object", "properties": {"limit": multi_params({"type": "integer", "minimum": 0})},
               "additionalProperties": True}
index_query_v24 = {**index_query, "properties": {**index_query["properties"],
                                                 "marker": multi_params({"type": "string"})}}
_thing = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"],
          "additionalProperties": False}
_thing_v24 = {**_thing, "properties": {**_thing["properties"], "name": {"type": "string"}}}
index_response = {"type": "object", "properties": {"things": {"type": "array", "items": _thing}},
                  "required": ["things"], "additionalProperties": False}
index_response_v24 = {**index_response, "properties": {"things": {"type": "array", "items": _thing_v24}}}
create_body = {
    "type": "object",
    "properties": {"thing": {"type": "object", "properties": {"name": {"type": "string"}},
                             "required": ["name"], "additionalProperties": False}},
    "required": ["thing"],
    "additionalProperties": False,
}
spin_body = {
    "type": "object",
    "properties": {"spin": {"type": "object", "properties": {"turns": {"type": "integer"}},
                            "additionalProperties": False}},
    "required": ["spin"],
    "additionalProperties": False,
}


class ThingsController(wsgi.Controller):
    """Every kind of versioned declaration, on methods that do nothing."""

    @wsgi.policy(LIST_RULE)
    @wsgi.expected_errors(())
    @query_schema(index_query, "2.1", "2.3")
    @query_schema(index_query_v24, "2.4")
    @response_schema(index_response, "2.1", "2.3")
    @response_schema(index_response_v24, "2.4")
    def index(self, req):
        return {"things": []}

    @wsgi.policy(RULE % "create")
    @wsgi.response(200, "2.1", "2.1")
    @wsgi.response(201, "2.2")
    @wsgi.expected_errors(400, "2.1", "2.2")
    @wsgi.expected_errors((400, 409), "2.3")
    @schema(create_body, extension_point="things.create")
    def create(self, req, body):
        return {"thing": {"id": "1"}}

    @wsgi.api_version("2.1", "2.3")
    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(404)
    def show(self, req, id):
        return {"thing": {"id": id}}

    @wsgi.public
    def ping(self, req):
        return {"pong": True}

    @wsgi.api_version("2.2")
    @wsgi.policy(RULE % "shine")
    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action("shine")
    def shine(self, req, id, body):
        return None

    @wsgi.policy(RULE % "spin")
    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action("spin")
    @schema(spin_body)
    def spin(self, req, id, body):
        return None


class Things(Extension):
    """Things, for the OpenAPI tests."""

    name = "Things"
    alias = "things"

    def get_resources(self):
        return [ResourceSpec("things", ThingsController(), collection_actions={"ping": "GET"})]

    def get_policies(self):
        listing = policy.DocumentedRuleDefault(LIST_RULE, PROJECT_READER_OR_ADMIN, "List things.",
                                               [{"method": "GET", "path": "/things"}])
        return [listing, *(policy.RuleDefault(RULE % name, PROJECT_MEMBER_OR_ADMIN)
                           for name in ("create", "show", "shine", "spin"))]


class ThingColors(Extension):
    """Adds a color to new things from 2.3."""

    name = "ThingColors"
    alias = "thing-colors"

    def get_schema_fragments(self):
        return [SchemaFragment(point="things.create", plugin=self.alias, path=("thing",),
                               properties={"color": {"type": "string"}}, min_version="2.3")]


def things_api(*, strategy="noauth", policy_file=None, htpasswd_file=None):
    """The assembled API of the two plugins above."""
    conf = make_conf()
    conf.set_override("strategy", strategy, group="auth")
    conf.set_override("htpasswd_file", htpasswd_file, group="auth")
    conf.set_override("policy_file", policy_file, group="api")
    context = PluginContext(conf=conf)
    return build_api(conf, plugins=[Things(context), ThingColors(context)], history=HISTORY)

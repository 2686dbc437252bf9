"""Widget colors: extends another plugin's schema, responses and actions."""

from oslo_policy import policy

from apiframe import wsgi
from apiframe.extensions import ControllerExtension, Extension
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN
from apiframe.validation import SchemaFragment, schema

PAINT = "sample:widget-colors:paint"
paint = {
    "type": "object",
    "properties": {"paint": {"type": "object", "properties": {"color": {"type": "string"}},
                             "required": ["color"], "additionalProperties": False}},
    "required": ["paint"],
    "additionalProperties": False,
}


class ColorsController(wsgi.Controller):
    """Adds a color to widget views and a 'paint' action."""

    def __init__(self, widgets):
        self.widgets = widgets

    @wsgi.extends
    @wsgi.api_version("2.5")
    def show(self, req, resp_obj, id):
        resp_obj.obj["widget"]["color"] = "unpainted"

    @wsgi.policy(PAINT)
    @wsgi.response(202)
    @wsgi.expected_errors(())
    @wsgi.action("paint")
    @schema(paint)
    def paint(self, req, id, body):
        return None


class WidgetColors(Extension):
    """Colors for widgets (from 2.5)."""

    name = "WidgetColors"
    alias = "widget-colors"
    requires = ("widgets",)

    def get_controller_extensions(self):
        return [ControllerExtension("widgets", ColorsController(None))]

    def get_schema_fragments(self):
        return [SchemaFragment(point="widgets.create", plugin=self.alias, path=("widget",),
                               properties={"color": {"type": "string", "enum": ["red", "blue"]}},
                               min_version="2.5")]

    def get_policies(self):
        return [policy.RuleDefault(PAINT, PROJECT_MEMBER_OR_ADMIN)]

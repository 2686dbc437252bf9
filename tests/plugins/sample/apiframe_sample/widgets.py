"""Widgets: a collection with every kind of route, versioned decorators and actions."""

from oslo_policy import policy

from apiframe import exception, wsgi
from apiframe.extensions import Extension, Parent, ResourceSpec
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN
from apiframe.validation import schema

RULE = "sample:widgets:%s"

_name = {"type": "string", "minLength": 1, "maxLength": 20}
create_v21 = {
    "type": "object",
    "properties": {
        "widget": {
            "type": "object",
            "properties": {"name": _name, "size": {"type": "integer", "minimum": 1}},
            "required": ["name"],
            "additionalProperties": False,
        },
    },
    "required": ["widget"],
    "additionalProperties": False,
}
rename = {
    "type": "object",
    "properties": {
        "rename": {
            "type": "object",
            "properties": {"name": _name},
            "required": ["name"],
            "additionalProperties": False,
        },
    },
    "required": ["rename"],
    "additionalProperties": False,
}
any_action = {"type": "object", "additionalProperties": True}


class WidgetsController(wsgi.Controller):
    """Keeps widgets in memory, per controller instance."""

    def __init__(self):
        self.widgets = {}

    def _get(self, req, id):
        widget = self.widgets.get(id)
        if widget is None or widget["project_id"] != req.context.project_id:
            raise exception.NotFound(f"Widget {id} could not be found.")
        return widget

    def _view(self, req, widget):
        view = {"id": widget["id"], "name": widget["name"]}
        if req.is_supported("2.3"):
            view["size"] = widget["size"]
        return view

    @wsgi.policy(RULE % "list")
    @wsgi.expected_errors(())
    def index(self, req):
        return {"widgets": [self._view(req, w) for w in self.widgets.values()
                            if w["project_id"] == req.context.project_id]}

    @wsgi.policy(RULE % "list")
    @wsgi.expected_errors(())
    def detail(self, req):
        return {"widgets": [dict(self._view(req, w), detail=True) for w in self.widgets.values()]}

    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(404)
    def show(self, req, id):
        return {"widget": self._view(req, self._get(req, id))}

    @wsgi.policy(RULE % "create")
    @wsgi.response(200, "2.1", "2.1")
    @wsgi.response(201, "2.2")
    @wsgi.expected_errors(400)
    @schema(create_v21, extension_point="widgets.create")
    def create(self, req, body):
        data = body["widget"]
        widget_id = str(len(self.widgets) + 1)
        widget = {"id": widget_id, "name": data["name"], "size": data.get("size", 1),
                  "color": data.get("color"), "project_id": req.context.project_id}
        self.widgets[widget_id] = widget
        return wsgi.ResponseObject({"widget": self._view(req, widget)},
                                   headers={"Location": f"{req.endpoint}/widgets/{widget_id}"})

    @wsgi.policy(RULE % "delete")
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        self._get(req, id)
        del self.widgets[id]

    @wsgi.policy(RULE % "rename")
    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action("rename")
    @schema(rename)
    def _rename(self, req, id, body):
        self._get(req, id)["name"] = body["rename"]["name"]

    @wsgi.api_version("2.5")
    @wsgi.policy(RULE % "polish")
    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action("polish")
    @schema(any_action)
    def polish(self, req, id, body):
        self._get(req, id)

    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(())
    def leaky(self, req, id):
        """A member action that raises an error it did not declare."""
        raise exception.Conflict("undeclared")


class PartsController(wsgi.Controller):
    """A nested collection: /widgets/{widget_id}/parts."""

    @wsgi.policy(RULE % "list")
    @wsgi.expected_errors(())
    def index(self, req, widget_id):
        return {"parts": [], "widget_id": widget_id}

    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(())
    def show(self, req, widget_id, id):
        return {"part": {"id": id, "widget_id": widget_id}}

    @wsgi.policy(RULE % "create")
    @wsgi.expected_errors(())
    @schema(any_action)
    def update_all(self, req, widget_id, body):
        return {"parts": body}


class Widgets(Extension):
    """Widgets for tests of the framework."""

    name = "Widgets"
    alias = "widgets"

    def get_resources(self):
        return [
            ResourceSpec("widgets", WidgetsController(), collection_actions={"detail": "GET"},
                         member_actions={"leaky": "GET"}),
            ResourceSpec("parts", PartsController(), parent=Parent("widgets", "widget"),
                         collection_methods={"PUT": "update_all"}),
        ]

    def get_policies(self):
        rules = [policy.RuleDefault(RULE % name, PROJECT_READER_OR_ADMIN) for name in ("list", "show")]
        rules += [policy.RuleDefault(RULE % name, PROJECT_MEMBER_OR_ADMIN)
                  for name in ("create", "delete", "rename", "polish")]
        return rules

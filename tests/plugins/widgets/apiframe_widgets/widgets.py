"""``/v1/widgets``: widgets kept in memory, per application."""

import itertools

from oslo_policy import policy

from apiframe import exception, wsgi
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN
from apiframe.validation import schema

RULE = "widgets_api:widgets:%s"

_name = {"type": "string", "minLength": 1, "maxLength": 40}
_color = {"type": "string", "enum": ["red", "green", "blue"]}


def _widget_body(properties, required):
    return {
        "type": "object",
        "properties": {"widget": {"type": "object", "properties": properties, "required": required,
                                  "additionalProperties": False}},
        "required": ["widget"],
        "additionalProperties": False,
    }


create_v10 = _widget_body({"name": _name}, ["name"])
create_v12 = _widget_body({"name": _name, "color": _color}, ["name"])
update_v13 = _widget_body({"name": _name}, ["name"])


def view(req, widget):
    """A widget as the request's microversion shows it: with its color from 1.2."""
    return {key: value for key, value in widget.items() if key != "color" or req.is_supported("1.2")}


class WidgetsController(wsgi.Controller):
    """The widgets of the caller's project, in ``store`` (project id -> widget id -> widget)."""

    def __init__(self, store):
        self.store = store
        self.ids = itertools.count(1)

    def _owned(self, req):
        return self.store.setdefault(req.context.project_id, {})

    def _find(self, req, id):
        try:
            return self._owned(req)[id]
        except KeyError:
            raise exception.NotFound(f"Widget {id} could not be found.") from None

    @wsgi.policy(RULE % "list")
    @wsgi.expected_errors(())
    def index(self, req):
        return {"widgets": [view(req, widget) for widget in self._owned(req).values()]}

    @wsgi.policy(RULE % "show")
    @wsgi.expected_errors(404)
    def show(self, req, id):
        return {"widget": view(req, self._find(req, id))}

    @wsgi.policy(RULE % "create")
    @wsgi.response(200, "1.0", "1.0")
    @wsgi.response(201, "1.1")
    @wsgi.expected_errors(400)
    @schema(create_v10, "1.0", "1.1")
    @schema(create_v12, "1.2")
    def create(self, req, body):
        widget = {"id": str(next(self.ids)), "color": None, **body["widget"]}
        self._owned(req)[widget["id"]] = widget
        return {"widget": view(req, widget)}

    @wsgi.api_version("1.3")
    @wsgi.policy(RULE % "update")
    @wsgi.expected_errors((400, 404))
    @schema(update_v13)
    def update(self, req, id, body):
        widget = self._find(req, id)
        widget.update(body["widget"])
        return {"widget": view(req, widget)}

    @wsgi.policy(RULE % "delete")
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        del self._owned(req)[self._find(req, id)["id"]]


class Widgets(Extension):
    """Widgets, the one resource of the widgets API."""

    name = "Widgets"
    alias = "widgets"

    def get_resources(self):
        store = self.context.services.setdefault("widgets", {})
        return [ResourceSpec("widgets", WidgetsController(store))]

    def get_policies(self):
        rules = [policy.RuleDefault(RULE % name, PROJECT_READER_OR_ADMIN) for name in ("list", "show")]
        rules += [policy.RuleDefault(RULE % name, PROJECT_MEMBER_OR_ADMIN) for name in ("create", "update", "delete")]
        return rules

"""The one-line whole-API checks: schemas, policy rules, refusals."""

import pytest
from oslo_policy import policy as oslo_policy

from apiframe import wsgi
from apiframe.extensions import Extension, ResourceSpec
from apiframe.testing import (
    assert_policies,
    assert_refused,
    assert_schemas,
    missing_policies,
    missing_schemas,
    plugin_routes,
)
from apiframe.validation import query_schema, response_schema, schema

OPEN = {"type": "object", "additionalProperties": True}
EMPTY_QUERY = {"type": "object", "properties": {}, "additionalProperties": False}


class TalliesController(wsgi.Controller):
    @wsgi.policy("tallies:list")
    @wsgi.expected_errors(())
    @query_schema(EMPTY_QUERY)
    @response_schema(OPEN)
    def index(self, req):
        return {"tallies": []}

    @wsgi.policy("tallies:create")
    @wsgi.expected_errors(())
    @schema(OPEN)
    def create(self, req, body):
        return body

    @wsgi.policy("tallies:delete")
    @wsgi.response(204)
    @wsgi.expected_errors(())
    def delete(self, req, id):
        return None

    @wsgi.public
    @wsgi.expected_errors(())
    @query_schema(EMPTY_QUERY)
    @response_schema(OPEN)
    def show(self, req, id):
        return {"tally": id}


class Tallies(Extension):
    """A plugin with one route lacking a response schema and one without a policy rule."""

    name = "Tallies"
    alias = "tallies"

    def get_resources(self):
        return [ResourceSpec("tallies", TalliesController())]

    def get_policies(self):
        return [oslo_policy.RuleDefault("tallies:list", "@"),
                oslo_policy.RuleDefault("tallies:create", "role:admin"),
                oslo_policy.RuleDefault("tallies:delete", "role:admin")]


@pytest.fixture
def tallies(make_app):
    return make_app([Tallies])


def test_routes_are_labelled_by_method_and_template(app):
    labels = {route.label for route in plugin_routes(app.api)}
    assert {"GET /widgets", "POST /widgets/{id}/action (rename)", "POST /widgets/{id}/action (paint)",
            "PUT /widgets/{widget_id}/parts"} <= labels
    assert not any("/extensions" in label for label in labels)


def test_missing_schemas_are_listed(tallies):
    assert missing_schemas(tallies.api) == ["POST /tallies (tallies): no response schema"]
    assert missing_schemas(tallies.api, exempt=["POST /tallies"]) == []
    with pytest.raises(AssertionError, match="routes without schemas:\n  POST /tallies"):
        assert_schemas(tallies.api)


def test_every_kind_of_missing_schema_is_found(app):
    missing = missing_schemas(app.api)
    assert "GET /widgets (widgets): no query, response schema" in missing
    assert "POST /widgets/{id}/action (paint) (widget-colors): no response schema" in missing
    assert not any(line.startswith("DELETE /widgets/{id}") for line in missing)
    assert missing_schemas(app.api, query=False, response=False) == []


def test_a_route_without_policy_is_caught(tallies):
    assert missing_policies(tallies.api) == ["GET /tallies/{id} (tallies): no policy rule"]
    with pytest.raises(AssertionError, match="routes without a policy rule:\n  GET /tallies/"):
        assert_policies(tallies.api)
    assert_policies(tallies.api, public=["GET /tallies/{id}"])


def test_sample_plugins_all_have_policies(app):
    assert_policies(app.api)


def test_refusals_follow_the_rules(app):
    writes = {"POST /widgets", "DELETE /widgets/{id}", "POST /widgets/{id}/action (rename)",
              "POST /widgets/{id}/action (polish)", "POST /widgets/{id}/action (paint)",
              "PUT /widgets/{widget_id}/parts"}
    assert set(assert_refused(app, "reader")) == writes
    assert assert_refused(app, "member") == []
    assert len(assert_refused(app, "anonymous")) == len(list(plugin_routes(app.api)))


def test_public_routes_are_not_probed(tallies):
    assert set(assert_refused(tallies, "member")) == {"POST /tallies", "DELETE /tallies/{id}"}
    assert "GET /tallies/{id}" not in assert_refused(tallies, "anonymous")


def test_a_route_that_does_not_refuse_is_reported(app):
    real_app = app.app

    def lenient(environ, start_response):
        """The application, except that deleting answers 204 to anyone."""
        if environ["REQUEST_METHOD"] == "DELETE":
            start_response("204 No Content", [])
            return [b""]
        return real_app(environ, start_response)

    app.app = lenient
    with pytest.raises(AssertionError) as raised:
        assert_refused(app, "reader")
    message = str(raised.value)
    assert message.startswith("routes that did not refuse persona 'reader':")
    assert "DELETE /widgets/{id} at 2.1: expected 403, got 204 No Content" in message
    assert "POST /widgets " not in message

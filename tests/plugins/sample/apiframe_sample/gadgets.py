"""Gadgets: a second, independent collection."""

from oslo_policy import policy

from apiframe import wsgi
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import PROJECT_READER_OR_ADMIN


class GadgetsController(wsgi.Controller):
    """Lists nothing, at 2.3 and later."""

    @wsgi.api_version("2.3")
    @wsgi.policy("sample:gadgets:list")
    @wsgi.expected_errors(())
    def index(self, req):
        return {"gadgets": []}


class Gadgets(Extension):
    """Gadgets for tests of the framework."""

    name = "Gadgets"
    alias = "gadgets"

    def get_resources(self):
        return [ResourceSpec("gadgets", GadgetsController())]

    def get_policies(self):
        return [policy.RuleDefault("sample:gadgets:list", PROJECT_READER_OR_ADMIN)]

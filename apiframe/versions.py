"""Built-in resources every API has: version discovery documents and the plugin list.

``GET /`` lists the API versions and ``GET <prefix>/`` describes this one, in the shape
the API definition names (both answer without credentials, so clients can discover
before they authenticate); ``GET <prefix>/extensions`` lists the loaded plugins, which
makes the API surface of a deployment explicit. The surface fingerprint travels in a
response header of ``GET <prefix>/`` and is its ``ETag``: the document's keys are exactly
the shape's, because client test suites validate it with a schema that forbids any other.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from oslo_policy import policy as oslo_policy

from apiframe import exception, wsgi
from apiframe.definition import APIDefinition
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import LIST_ALIAS, discoverable_rule_name, extension_list_rules, extensions_rule_name

SURFACE_HEADER = "X-Apiframe-Surface"


class VersionsController(wsgi.Controller):
    """Serves the version documents of one API."""

    def __init__(self, definition: APIDefinition, fingerprint: str) -> None:
        self.definition = definition
        self.fingerprint = fingerprint

    @wsgi.public
    def root(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /``: the versions this service offers."""
        return self.definition.version_documents.listing(self.definition, req.host_url + req.script_name)

    @wsgi.public
    def show(self, req: wsgi.Request) -> wsgi.ResponseObject:
        """``GET <prefix>/``: this version and its microversion range.

        The surface fingerprint is the ``X-Apiframe-Surface`` header and, quoted, the
        strong ``ETag``; a request whose ``If-None-Match`` names it gets 304.
        """
        headers = {SURFACE_HEADER: self.fingerprint, "ETag": f'"{self.fingerprint}"'}
        if self.fingerprint in req.if_none_match:
            return wsgi.ResponseObject(None, 304, headers)
        document = self.definition.version_documents.document(self.definition, req.host_url + req.script_name)
        if document is None:
            raise exception.NotFound()
        return wsgi.ResponseObject(document, headers=headers)


class ExtensionInfoController(wsgi.Controller):
    """Lists the loaded plugins that the caller's policy lets it discover.

    The operations are added by :func:`extension_info_controller`, because the name of
    the rule that guards them depends on the API's policy prefix.
    """

    def __init__(self, plugins: Sequence[Extension], definition: APIDefinition) -> None:
        self.plugins = [(p, discoverable_rule_name(p.alias, definition.policy_prefix)) for p in plugins]
        self.definition = definition

    def visible(self, req: wsgi.Request) -> list[Extension]:
        """The plugins the caller may discover."""
        return [p for p, rule in self.plugins if req.context.can(rule, fatal=False)]

    def describe(self, plugin: Extension) -> dict[str, Any]:
        """The entry of one plugin in the list."""
        definition = self.definition
        return {
            "name": plugin.name,
            "alias": plugin.alias,
            "description": plugin.description,
            "namespace": f"{definition.docs_url}{definition.service_type}/ext/{plugin.alias}/api/"
                         f"{definition.version_id}",
            "updated": "2014-12-03T00:00:00Z",
            "links": [],
        }


@functools.cache
def extension_info_controller(rule: str) -> type[ExtensionInfoController]:
    """The controller class whose ``index`` and ``show`` are guarded by policy rule ``rule``."""

    class GuardedExtensionInfoController(ExtensionInfoController):
        @wsgi.policy(rule)
        @wsgi.expected_errors(())
        def index(self, req: wsgi.Request) -> dict[str, Any]:
            """``GET /extensions``."""
            return {"extensions": [self.describe(p) for p in self.visible(req)]}

        @wsgi.policy(rule)
        @wsgi.expected_errors(404)
        def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
            """``GET /extensions/{alias}``."""
            for plugin in self.visible(req):
                if plugin.alias == id:
                    return {"extension": self.describe(plugin)}
            raise exception.NotFound(f"Extension {id[:255]} could not be found.")

    return GuardedExtensionInfoController


class ExtensionInfo(Extension):
    """Lists the plugins loaded by this deployment."""

    name = "Extensions"
    alias = LIST_ALIAS

    def __init__(self, context: Any, plugins: Sequence[Extension], definition: APIDefinition) -> None:
        super().__init__(context)
        self.plugins = plugins
        self.definition = definition

    def get_resources(self) -> list[ResourceSpec]:
        """``/extensions`` and ``/extensions/{alias}``."""
        controller = extension_info_controller(extensions_rule_name(self.definition.policy_prefix))
        return [ResourceSpec("extensions", controller([*self.plugins, self], self.definition))]

    def get_policies(self) -> list[oslo_policy.RuleDefault]:
        """The listing rule, and the ``discoverable`` rule of every loaded plugin."""
        return extension_list_rules(self.definition.policy_prefix, [p.alias for p in self.plugins])

"""Built-in resources every API has: version discovery documents and the plugin list.

``GET /`` lists the API versions and ``GET /v2.1/`` describes this one (both answer
without credentials, so clients can discover before they authenticate);
``GET /v2.1/extensions`` lists the loaded plugins, which makes the API surface of a
deployment explicit. The surface fingerprint travels in a response header of
``GET /v2.1/`` and is its ``ETag``: the document's keys are exactly the compute API's,
because client test suites validate it with a schema that forbids any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oslo_policy import policy as oslo_policy

from apiframe import exception, wsgi
from apiframe.api_version import VersionHistory
from apiframe.extensions import Extension, ResourceSpec
from apiframe.policy_rules import PROJECT_READER_OR_ADMIN, discoverable_rule

EXTENSIONS_POLICY = "os_compute_api:extensions"
DOCS_URL = "https://docs.openstack.org/"
MEDIA_TYPE = "application/vnd.openstack.compute+json;version=2.1"
SURFACE_HEADER = "X-Apiframe-Surface"


class VersionsController(wsgi.Controller):
    """Serves the version documents of one API."""

    def __init__(self, history: VersionHistory, fingerprint: str) -> None:
        self.history = history
        self.fingerprint = fingerprint

    def _version(self, req: wsgi.Request) -> dict[str, Any]:
        return {
            "id": "v2.1",
            "status": "CURRENT",
            "version": str(self.history.max),
            "min_version": str(self.history.min),
            "updated": self.history.updated,
            "links": [{"href": req.host_url + req.script_name + "/v2.1/", "rel": "self"}],
        }

    @wsgi.public
    def root(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /``: the versions this service offers."""
        return {"versions": [self._version(req)]}

    @wsgi.public
    def show(self, req: wsgi.Request) -> wsgi.ResponseObject:
        """``GET /v2.1/``: this version and its microversion range.

        The surface fingerprint is the ``X-Apiframe-Surface`` header and, quoted, the
        strong ``ETag``; a request whose ``If-None-Match`` names it gets 304.
        """
        headers = {SURFACE_HEADER: self.fingerprint, "ETag": f'"{self.fingerprint}"'}
        if self.fingerprint in req.if_none_match:
            return wsgi.ResponseObject(None, 304, headers)
        version = self._version(req)
        version["links"].append({"href": DOCS_URL, "rel": "describedby", "type": "text/html"})
        version["media-types"] = [{"base": "application/json", "type": MEDIA_TYPE}]
        return wsgi.ResponseObject({"version": version}, headers=headers)


class ExtensionInfoController(wsgi.Controller):
    """Lists the loaded plugins that the caller's policy lets it discover."""

    def __init__(self, plugins: Sequence[Extension]) -> None:
        self.plugins = [(p, discoverable_rule(p.alias).name) for p in plugins]

    def _visible(self, req: wsgi.Request) -> list[Extension]:
        return [p for p, rule in self.plugins if req.context.can(rule, fatal=False)]

    @staticmethod
    def _describe(plugin: Extension) -> dict[str, Any]:
        return {
            "name": plugin.name,
            "alias": plugin.alias,
            "description": plugin.description,
            "namespace": f"https://docs.openstack.org/compute/ext/{plugin.alias}/api/v2.1",
            "updated": "2014-12-03T00:00:00Z",
            "links": [],
        }

    @wsgi.policy(EXTENSIONS_POLICY)
    @wsgi.expected_errors(())
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /extensions``."""
        return {"extensions": [self._describe(p) for p in self._visible(req)]}

    @wsgi.policy(EXTENSIONS_POLICY)
    @wsgi.expected_errors(404)
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """``GET /extensions/{alias}``."""
        for plugin in self._visible(req):
            if plugin.alias == id:
                return {"extension": self._describe(plugin)}
        raise exception.NotFound(f"Extension {id[:255]} could not be found.")


class ExtensionInfo(Extension):
    """Lists the plugins loaded by this deployment."""

    name = "Extensions"
    alias = "extensions"

    def __init__(self, context: Any, plugins: Sequence[Extension]) -> None:
        super().__init__(context)
        self.plugins = plugins

    def get_resources(self) -> list[ResourceSpec]:
        """``/extensions`` and ``/extensions/{alias}``."""
        return [ResourceSpec("extensions", ExtensionInfoController([*self.plugins, self]))]

    def get_policies(self) -> list[oslo_policy.RuleDefault]:
        """The listing rule, and the ``discoverable`` rule of every loaded plugin."""
        listing = oslo_policy.DocumentedRuleDefault(
            name=EXTENSIONS_POLICY,
            check_str=PROJECT_READER_OR_ADMIN,
            description="List the loaded plugins, or show one.",
            operations=[{"method": "GET", "path": "/extensions"},
                        {"method": "GET", "path": "/extensions/{alias}"}],
            scope_types=["project"],
        )
        return [listing, *(discoverable_rule(p.alias) for p in [*self.plugins, self])]

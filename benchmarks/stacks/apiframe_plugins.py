"""The benchmark API as apiframe plugins, loaded through entry points by the apiframe stack.

``servers`` serves :class:`benchmarks.workload.ServerStore`; ``bench-extra`` serves the
extra route templates named in the ``[bench] extra_routes`` option.
"""

from __future__ import annotations

from typing import Any

from oslo_config import cfg
from oslo_policy import policy

from apiframe import exception, wsgi
from apiframe.extensions import Extension, Parent, ResourceSpec
from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN
from apiframe.validation import schema
from benchmarks import workload

SHOW, LIST, CREATE, EXTRA = "bench:servers:show", "bench:servers:list", "bench:servers:create", "bench:extra"
OPTS = [cfg.ListOpt("extra_routes", default=[], help="Extra route templates to serve.")]


def _app_url(req: wsgi.Request) -> str:
    return req.host_url + req.script_name


class ServersController(wsgi.Controller):
    """The three measured operations."""

    def __init__(self) -> None:
        self.store = workload.ServerStore()

    @wsgi.policy(LIST)
    @wsgi.expected_errors(())
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """List the servers."""
        return workload.index_view(self.store.list(), _app_url(req))

    @wsgi.policy(SHOW)
    @wsgi.expected_errors(404)
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """Show one server."""
        try:
            return workload.show_view(self.store.get(id), _app_url(req))
        except workload.APIFailure as failure:
            raise exception.NotFound(failure.message) from None

    @wsgi.policy(CREATE)
    @wsgi.response(202)
    @wsgi.expected_errors(400)
    @schema(workload.CREATE_SCHEMA)
    def create(self, req: wsgi.Request, body: dict[str, Any]) -> wsgi.ResponseObject:
        """Create a server."""
        document, location = workload.create_view(self.store.create(body["server"]), _app_url(req))
        return wsgi.ResponseObject(document, headers={"Location": location})


class ExtraCollection(wsgi.Controller):
    """An extra collection route."""

    @wsgi.policy(EXTRA)
    @wsgi.expected_errors(())
    def index(self, req: wsgi.Request, **_parent: str) -> dict[str, Any]:
        """Answer the fixed extra body."""
        return workload.extra_body()


class ExtraPair(ExtraCollection):
    """An extra collection with its member route."""

    @wsgi.policy(EXTRA)
    @wsgi.expected_errors(())
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """Answer the fixed extra body."""
        return workload.extra_body()


class BenchServers(Extension):
    """The measured servers collection."""

    name = "BenchServers"
    alias = "servers"

    def get_resources(self) -> list[ResourceSpec]:
        """``/servers``."""
        return [ResourceSpec("servers", ServersController())]

    def get_policies(self) -> list[policy.RuleDefault]:
        """One rule per operation."""
        return [policy.RuleDefault(LIST, PROJECT_READER_OR_ADMIN), policy.RuleDefault(SHOW, PROJECT_READER_OR_ADMIN),
                policy.RuleDefault(CREATE, PROJECT_MEMBER_OR_ADMIN)]


class BenchExtra(Extension):
    """Routes registered beside the measured ones."""

    name = "BenchExtra"
    alias = "bench-extra"

    def get_resources(self) -> list[ResourceSpec]:
        """One resource per extra collection, nested under servers for shared-prefix routes."""
        self.context.conf.register_opts(OPTS, group="bench")
        members, collections, nested = set(), set(), set()
        for template in self.context.conf.bench.extra_routes:
            parts = template.removeprefix(workload.PREFIX).strip("/").split("/")
            if parts[0] == "servers" and len(parts) == 3:
                nested.add(parts[2])
            elif len(parts) == 2:
                members.add(parts[0])
            else:
                collections.add(parts[0])
        specs = [ResourceSpec(name, ExtraPair() if name in members else ExtraCollection())
                 for name in sorted(collections | members)]
        specs += [ResourceSpec(name, ExtraCollection(), parent=Parent("servers", "server")) for name in sorted(nested)]
        return specs

    def get_policies(self) -> list[policy.RuleDefault]:
        """The extra routes' rule."""
        return [policy.RuleDefault(EXTRA, PROJECT_READER_OR_ADMIN)]

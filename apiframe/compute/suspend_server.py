"""Suspend and resume a server."""

from __future__ import annotations

from typing import Any

from apiframe import wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import suspend_server as policies
from apiframe.compute.server_actions import ServerActionBase
from apiframe.compute.services import ComputePlugin
from apiframe.extensions import ControllerExtension
from apiframe.schemas import servers as schemas
from apiframe.validation import response_schema, schema


class SuspendServerController(ServerActionBase):
    """The ``suspend`` and ``resume`` actions."""

    @wsgi.policy(policies.SUSPEND)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("suspend")
    @schema(schemas.suspend)
    @response_schema(schemas.action_response)
    def _suspend(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.suspend(server, db.utcnow()))

    @wsgi.policy(policies.RESUME)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("resume")
    @schema(schemas.resume)
    @response_schema(schemas.action_response)
    def _resume(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.resume(server, db.utcnow()))


class SuspendServer(ComputePlugin):
    """Suspend a server to disk, and resume it."""

    name = "SuspendServer"
    alias = "os-suspend-server"
    requires = ("servers",)

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """The suspend actions on ``/servers/{id}/action``."""
        return [ControllerExtension("servers", SuspendServerController(self.context))]

    def get_policies(self) -> list:
        """The suspend rules."""
        return policies.list_rules()

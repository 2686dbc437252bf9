"""Pause and unpause a server."""

from __future__ import annotations

from typing import Any

from apiframe import wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import pause_server as policies
from apiframe.compute.server_actions import ServerActionBase
from apiframe.compute.services import ComputePlugin
from apiframe.extensions import ControllerExtension
from apiframe.schemas import servers as schemas
from apiframe.validation import response_schema, schema


class PauseServerController(ServerActionBase):
    """The ``pause`` and ``unpause`` actions."""

    @wsgi.policy(policies.PAUSE)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("pause")
    @schema(schemas.pause)
    @response_schema(schemas.action_response)
    def _pause(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.pause(server, db.utcnow()))

    @wsgi.policy(policies.UNPAUSE)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("unpause")
    @schema(schemas.unpause)
    @response_schema(schemas.action_response)
    def _unpause(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.unpause(server, db.utcnow()))


class PauseServer(ComputePlugin):
    """Pause a server in memory, and unpause it."""

    name = "PauseServer"
    alias = "os-pause-server"
    requires = ("servers",)

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """The pause actions on ``/servers/{id}/action``."""
        return [ControllerExtension("servers", PauseServerController(self.context))]

    def get_policies(self) -> list:
        """The pause rules."""
        return policies.list_rules()

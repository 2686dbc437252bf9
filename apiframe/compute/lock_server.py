"""Lock and unlock: a locked server refuses changes from anyone but administrators."""

from __future__ import annotations

from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.policies import lock_server as policies
from apiframe.compute.server_actions import ServerActionBase
from apiframe.compute.services import ComputePlugin
from apiframe.extensions import ControllerExtension
from apiframe.schemas import servers as schemas
from apiframe.validation import response_schema, schema


class LockServerController(ServerActionBase):
    """The ``lock`` and ``unlock`` actions."""

    @wsgi.policy(policies.LOCK)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("lock")
    @schema(schemas.lock, "2.1", "2.72")
    @schema(schemas.lock_v273, "2.73")
    @response_schema(schemas.action_response)
    def _lock(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        reason = (body.get("lock") or {}).get("locked_reason") if req.is_supported("2.73") else None

        def lock(server: Any, _session: Any) -> None:
            server.locked = True
            server.locked_by = "admin" if req.context.is_admin else "owner"
            server.locked_reason = reason

        self.change(req, id, lock, check_lock=False)

    @wsgi.policy(policies.UNLOCK)
    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action("unlock")
    @schema(schemas.unlock)
    @response_schema(schemas.action_response)
    def _unlock(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        def unlock(server: Any, _session: Any) -> None:
            if server.locked_by == "admin" and not req.context.can(policies.UNLOCK_OVERRIDE, fatal=False):
                raise exception.PolicyNotAuthorized(policies.UNLOCK_OVERRIDE)
            server.locked, server.locked_by, server.locked_reason = False, None, None

        self.change(req, id, unlock, check_lock=False)


class LockServer(ComputePlugin):
    """Lock a server against changes, and unlock it."""

    name = "LockServer"
    alias = "os-lock-server"
    requires = ("servers",)

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """The lock actions on ``/servers/{id}/action``."""
        return [ControllerExtension("servers", LockServerController(self.context))]

    def get_policies(self) -> list:
        """The lock rules."""
        return policies.list_rules()

"""Server actions on ``POST /servers/{id}/action``: reboot, start, stop, resize, createImage.

Each handler loads the server with a row lock, refuses if it is locked, and asks the
fake driver for the transition; a transition the server's state does not allow is a 409
with the compute API's message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from apiframe import exception, wsgi
from apiframe.compute.db import api as db
from apiframe.compute.policies import servers as policies
from apiframe.compute.server_access import check_unlocked, get_server
from apiframe.compute.services import ComputePlugin, ComputeServices, compute_services
from apiframe.compute.views import servers as views
from apiframe.extensions import ControllerExtension
from apiframe.schemas import servers as schemas
from apiframe.validation import response_schema, schema


class ServerActionBase(wsgi.Controller):
    """What every server action controller shares: the services and the locked-row change."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def services(self) -> ComputeServices:
        """The application's compute services."""
        return compute_services(self.context)

    def change(self, req: wsgi.Request, server_id: str, apply: Callable[[Any, Any], Any],
               *, check_lock: bool = True) -> Any:
        """Run ``apply(server, session)`` on the locked row inside one transaction."""
        with self.services.database.transaction() as session:
            server = get_server(req, session, server_id, lock=True)
            if check_lock:
                check_unlocked(req, server)
            return apply(server, session)


class ServerActionsController(ServerActionBase):
    """The power, resize and snapshot actions of the servers plugin."""

    @wsgi.policy(policies.REBOOT)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("reboot")
    @schema(schemas.reboot)
    @response_schema(schemas.action_response)
    def _reboot(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        reboot_type = body["reboot"]["type"].upper()
        self.change(req, id, lambda server, _s: self.services.driver.reboot(server, reboot_type, db.utcnow()))

    @wsgi.policy(policies.START)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("os-start")
    @schema(schemas.start_server)
    @response_schema(schemas.action_response)
    def _start(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.start(server, db.utcnow()))

    @wsgi.policy(policies.STOP)
    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action("os-stop")
    @schema(schemas.stop_server)
    @response_schema(schemas.action_response)
    def _stop(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.stop(server, db.utcnow()))

    @wsgi.policy(policies.RESIZE)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action("resize")
    @schema(schemas.resize)
    @response_schema(schemas.action_response)
    def _resize(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        flavor_id = str(body["resize"]["flavorRef"]).rstrip("/").rsplit("/", 1)[-1]

        def resize(server: Any, session: Any) -> None:
            try:
                flavor = db.flavor_get(session, flavor_id, project_id=req.context.project_id)
            except exception.NotFound:
                raise exception.BadRequest(f"Unable to find flavor {flavor_id}.") from None
            if flavor.flavorid == server.flavorid:
                raise exception.BadRequest("When resizing, instances must change flavor!")
            services = self.services
            db.check_quota(session, server.project_id,
                           {"cores": flavor.vcpus - server.vcpus, "ram": flavor.memory_mb - server.memory_mb},
                           db.quota_limits(session, server.project_id, services.quota_defaults))
            services.driver.resize(server, db.flavor_snapshot(flavor), db.utcnow())

        self.change(req, id, resize)

    @wsgi.policy(policies.CONFIRM_RESIZE)
    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action("confirmResize")
    @schema(schemas.confirm_resize)
    @response_schema(schemas.action_response)
    def _confirm_resize(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.confirm_resize(server, db.utcnow()))

    @wsgi.policy(policies.REVERT_RESIZE)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action("revertResize")
    @schema(schemas.revert_resize)
    @response_schema(schemas.action_response)
    def _revert_resize(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> None:
        self.change(req, id, lambda server, _s: self.services.driver.revert_resize(server, db.utcnow()))

    @wsgi.policy(policies.CREATE_IMAGE)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action("createImage")
    @schema(schemas.create_image)
    @response_schema(schemas.create_image_response, "2.1", "2.44")
    @response_schema(schemas.create_image_response_v245, "2.45")
    def _create_image(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> wsgi.ResponseObject:
        """Record a snapshot request; there is no image service, so only the new id is real."""
        self.change(req, id, lambda server, _s: server, check_lock=True)
        image_id = str(uuid.uuid4())
        if req.is_supported("2.45"):
            return wsgi.ResponseObject(views.image_created(image_id))
        return wsgi.ResponseObject(None, headers={"Location": f"{req.bookmark_endpoint}/images/{image_id}"})


class ServerActions(ComputePlugin):
    """Server actions: reboot, start, stop, resize (confirm, revert) and createImage."""

    name = "ServerActions"
    alias = "server-actions"
    requires = ("servers",)

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """The actions, on ``/servers/{id}/action``."""
        return [ControllerExtension("servers", ServerActionsController(self.context))]

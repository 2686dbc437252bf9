"""``conn.compute`` calls of the suspend-server plugin."""

from __future__ import annotations

from apiframe.client import Action
from apiframe.compute.client.servers import Server

SUSPEND = Action("suspend", resource=Server)
RESUME = Action("resume", resource=Server)


class SuspendServerMethods:
    """Suspend a server to disk, and resume it."""

    extends = "compute"
    actions = (SUSPEND, RESUME)

    def suspend_server(self, server: Server | str) -> None:
        """Suspend a server (it becomes SUSPENDED)."""
        self.act(SUSPEND, server)

    def resume_server(self, server: Server | str) -> None:
        """Resume a suspended server."""
        self.act(RESUME, server)

"""``conn.compute`` calls of the lock-server plugin: an action added to another plugin's servers."""

from __future__ import annotations

from apiframe.client import Action, Param
from apiframe.compute.client.servers import Server

LOCK = Action("lock", resource=Server, locked_reason=Param("locked_reason", str, min_microversion="2.73"))
UNLOCK = Action("unlock", resource=Server)


class LockServerMethods:
    """Lock a server against changes by non-admins, and unlock it."""

    extends = "compute"
    actions = (LOCK, UNLOCK)

    def lock_server(self, server: Server | str, locked_reason: str | None = None) -> None:
        """Lock a server; ``locked_reason`` (2.73+) says why."""
        self.act(LOCK, server, locked_reason=locked_reason)

    def unlock_server(self, server: Server | str) -> None:
        """Unlock a server."""
        self.act(UNLOCK, server)

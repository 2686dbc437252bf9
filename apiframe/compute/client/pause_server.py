"""``conn.compute`` calls of the pause-server plugin."""

from __future__ import annotations

from apiframe.client import Action
from apiframe.compute.client.servers import Server

PAUSE = Action("pause", resource=Server)
UNPAUSE = Action("unpause", resource=Server)


class PauseServerMethods:
    """Pause a server in memory, and unpause it."""

    extends = "compute"
    actions = (PAUSE, UNPAUSE)

    def pause_server(self, server: Server | str) -> None:
        """Pause a server (it becomes PAUSED)."""
        self.act(PAUSE, server)

    def unpause_server(self, server: Server | str) -> None:
        """Unpause a paused server."""
        self.act(UNPAUSE, server)

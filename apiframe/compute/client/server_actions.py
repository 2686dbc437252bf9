"""``conn.compute`` calls of the server-actions plugin: reboot, resize, images, start and stop."""

from __future__ import annotations

from apiframe.client import ClientError
from apiframe.compute.client.servers import Server


class ServerActionMethods:
    """The actions every server has (declared on :class:`Server`)."""

    extends = "compute"

    def reboot_server(self, server: Server | str, reboot_type: str = "SOFT") -> None:
        """Reboot a server (``SOFT`` or ``HARD``)."""
        self.act(Server.reboot, server, reboot_type)

    def resize_server(self, server: Server | str, flavor: str, *, disk_config: str | None = None) -> None:
        """Resize a server to another flavor; confirm or revert it once it is VERIFY_RESIZE."""
        self.act(Server.resize, server, flavor, disk_config=disk_config)

    def confirm_server_resize(self, server: Server | str) -> None:
        """Keep a resized server's new flavor."""
        self.act(Server.confirm_resize, server)

    def revert_server_resize(self, server: Server | str) -> None:
        """Go back to a resized server's old flavor."""
        self.act(Server.revert_resize, server)

    def create_server_image(self, server: Server | str, name: str, metadata: dict[str, str] | None = None) -> str:
        """Snapshot a server into an image; returns the image id."""
        response = self._post_action(Server.create_image, server, (name,), {"metadata": metadata})
        body = self._decode(response)
        if body and body.get("image_id"):
            return body["image_id"]
        location = response.headers.get("Location", "")
        if not location:
            raise ClientError("the server answered createImage with neither an image id nor a Location")
        return location.rstrip("/").rsplit("/", 1)[-1]

    def start_server(self, server: Server | str) -> None:
        """Power a stopped server on."""
        self.act(Server.start, server)

    def stop_server(self, server: Server | str) -> None:
        """Power a server off (it becomes SHUTOFF)."""
        self.act(Server.stop, server)

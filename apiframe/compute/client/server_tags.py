"""``conn.compute`` calls of the server-tags plugin (2.26+)."""

from __future__ import annotations

from collections.abc import Iterable

from apiframe.client import NotFound, Resource, since
from apiframe.compute.client.servers import Server, server_path


class ServerTags(Resource):
    """A server's tags: ``{"tags": [...]}``; each tag is a member of its own."""

    kind = "set"
    base_path = "/servers/{server_id}/tags"
    resources_key = "tags"
    versions = since("2.26")
    allow_list = allow_replace = allow_clear = allow_fetch = allow_commit = allow_delete = True


class ServerTagMethods:
    """Read and change a server's tags."""

    extends = "compute"
    resources = (ServerTags,)

    def server_tags(self, server: Server | str) -> list[str]:
        """A server's tags."""
        return self._call(ServerTags, "list", server_path(server))["tags"]

    def set_server_tags(self, server: Server | str, tags: Iterable[str]) -> list[str]:
        """Make ``tags`` the server's tags."""
        return self._call(ServerTags, "replace", server_path(server), json={"tags": list(tags)})["tags"]

    def clear_server_tags(self, server: Server | str) -> None:
        """Remove every tag of a server."""
        self._call(ServerTags, "clear", server_path(server))

    def server_has_tag(self, server: Server | str, tag: str) -> bool:
        """Whether a server has ``tag``."""
        try:
            self._call(ServerTags, "fetch", server_path(server), tag)
        except NotFound:
            return False
        return True

    def add_server_tag(self, server: Server | str, tag: str) -> None:
        """Add one tag to a server."""
        self._call(ServerTags, "commit", server_path(server), tag)

    def remove_server_tag(self, server: Server | str, tag: str) -> None:
        """Remove one tag from a server."""
        self._call(ServerTags, "delete", server_path(server), tag)

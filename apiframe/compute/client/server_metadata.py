"""``conn.compute`` calls of the server-metadata plugin: a server's key/value metadata."""

from __future__ import annotations

from collections.abc import Iterable

from apiframe.client import Resource
from apiframe.compute.client.servers import Server, server_path


class ServerMetadata(Resource):
    """A server's metadata: ``{"metadata": {...}}``, one item as ``{"meta": {key: value}}``."""

    kind = "map"
    base_path = "/servers/{server_id}/metadata"
    resources_key = "metadata"
    resource_key = "meta"
    allow_list = allow_create = allow_replace = allow_fetch = allow_commit = allow_delete = True


class ServerMetadataMethods:
    """Read and change a server's metadata."""

    extends = "compute"
    resources = (ServerMetadata,)

    def get_server_metadata(self, server: Server | str) -> dict[str, str]:
        """All metadata of a server."""
        return self._call(ServerMetadata, "list", server_path(server))["metadata"]

    def set_server_metadata(self, server: Server | str, **items: str) -> dict[str, str]:
        """Add or change metadata items; returns the server's whole metadata."""
        return self._call(ServerMetadata, "create", server_path(server), json={"metadata": items})["metadata"]

    def replace_server_metadata(self, server: Server | str, items: dict[str, str]) -> dict[str, str]:
        """Make ``items`` the server's whole metadata."""
        return self._call(ServerMetadata, "replace", server_path(server), json={"metadata": items})["metadata"]

    def get_server_metadata_item(self, server: Server | str, key: str) -> str:
        """One metadata item's value."""
        return self._call(ServerMetadata, "fetch", server_path(server), key)["meta"][key]

    def set_server_metadata_item(self, server: Server | str, key: str, value: str) -> str:
        """Set one metadata item."""
        return self._call(ServerMetadata, "commit", server_path(server), key, json={"meta": {key: value}})["meta"][key]

    def delete_server_metadata(self, server: Server | str, keys: Iterable[str]) -> None:
        """Remove metadata items, one request each."""
        for key in keys:
            self._call(ServerMetadata, "delete", server_path(server), key)

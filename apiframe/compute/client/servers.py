"""Servers: the resource and the ``conn.compute`` calls of the servers plugin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from apiframe.client import Action, Body, Param, QueryParameters, Resource

_QUERY = QueryParameters(
    "name", "status", "image", "flavor", "ip", "ip6", "host", "node", "hostname", "key_name", "user_id",
    "project_id", "tenant_id", "reservation_id", "launch_index", "image_ref", "kernel_id", "ramdisk_id",
    "power_state", "vm_state", "task_state", "availability_zone", "description", "display_name",
    "display_description", "locked_by", "uuid", "root_device_name", "config_drive", "access_ip_v4",
    "access_ip_v6", "auto_disk_config", "progress", "created_at", "launched_at", "terminated_at",
    "sort_key", "sort_dir", "all_tenants", "soft_deleted", "deleted", "limit", "marker",
    "block_device_mapping", "services", "metadata", "system_metadata", "info_cache", "security_groups",
    "pci_devices",
    changes_since="changes-since",
    changes_before=Param("changes-before", min_microversion="2.66"),
    tags=Param("tags", min_microversion="2.26"),
    any_tags=Param("tags-any", min_microversion="2.26"),
    not_tags=Param("not-tags", min_microversion="2.26"),
    not_any_tags=Param("not-tags-any", min_microversion="2.26"),
    is_locked=Param("locked", min_microversion="2.73"),
)


class Server(Resource):
    """A virtual server."""

    base_path = "/servers"
    resource_key = "server"
    resources_key = "servers"
    detail_suffix = "/detail"
    allow_list = allow_create = allow_fetch = allow_commit = allow_delete = True
    query = _QUERY

    id = Body("id", str)
    name = Body("name", str, create=True, commit=True)
    links = Body("links", list)
    status = Body("status", str)
    project_id = Body("tenant_id", str)
    user_id = Body("user_id", str)
    created_at = Body("created", str)
    updated_at = Body("updated", str)
    host_id = Body("hostId", str)
    access_ipv4 = Body("accessIPv4", str, create=True, commit=True)
    access_ipv6 = Body("accessIPv6", str, create=True, commit=True)
    addresses = Body("addresses", dict)
    #: A link to the flavor until 2.46, the flavor itself from 2.47.
    flavor = Body("flavor", dict)
    #: A link to the image, or "" for a server booted from a volume.
    image = Body("image", (dict, str))
    metadata = Body("metadata", dict, create=True)
    disk_config = Body("OS-DCF:diskConfig", str, create=True, commit=True)
    progress = Body("progress", int)
    fault = Body("fault", dict)
    availability_zone = Body("OS-EXT-AZ:availability_zone", str)
    config_drive = Body("config_drive", (str, bool), create=True)
    key_name = Body("key_name", str, create=True)
    launched_at = Body("OS-SRV-USG:launched_at", str)
    terminated_at = Body("OS-SRV-USG:terminated_at", str)
    security_groups = Body("security_groups", list, create=True)
    task_state = Body("OS-EXT-STS:task_state", str)
    vm_state = Body("OS-EXT-STS:vm_state", str)
    power_state = Body("OS-EXT-STS:power_state", int)
    attached_volumes = Body("os-extended-volumes:volumes_attached", list)
    compute_host = Body("OS-EXT-SRV-ATTR:host", str)
    hypervisor_hostname = Body("OS-EXT-SRV-ATTR:hypervisor_hostname", str)
    instance_name = Body("OS-EXT-SRV-ATTR:instance_name", str)
    hostname = Body("OS-EXT-SRV-ATTR:hostname", str, min_microversion="2.3")
    kernel_id = Body("OS-EXT-SRV-ATTR:kernel_id", str, min_microversion="2.3")
    launch_index = Body("OS-EXT-SRV-ATTR:launch_index", int, min_microversion="2.3")
    ramdisk_id = Body("OS-EXT-SRV-ATTR:ramdisk_id", str, min_microversion="2.3")
    reservation_id = Body("OS-EXT-SRV-ATTR:reservation_id", str, min_microversion="2.3")
    root_device_name = Body("OS-EXT-SRV-ATTR:root_device_name", str, min_microversion="2.3")
    user_data = Body("OS-EXT-SRV-ATTR:user_data", str, min_microversion="2.3")
    is_locked = Body("locked", bool, min_microversion="2.9")
    host_status = Body("host_status", str, min_microversion="2.16")
    description = Body("description", str, min_microversion="2.19", create=True, commit=True)
    tags = Body("tags", list, min_microversion="2.26")
    trusted_image_certificates = Body("trusted_image_certificates", list, min_microversion="2.63", create=True)
    server_groups = Body("server_groups", list, min_microversion="2.71")
    locked_reason = Body("locked_reason", str, min_microversion="2.73")
    pinned_availability_zone = Body("pinned_availability_zone", str, min_microversion="2.96")
    scheduler_hints = Body("scheduler_hints", dict, min_microversion="2.100")
    #: What the server is asked for, never shown back under these names.
    admin_password = Body("adminPass", str, create=True)
    flavor_id = Body("flavorRef", (str, int), create=True, response=False)
    image_id = Body("imageRef", str, create=True, response=False)
    networks = Body("networks", (list, str), create=True, response=False)
    block_device_mapping = Body("block_device_mapping_v2", list, create=True, response=False)
    legacy_block_device_mapping = Body("block_device_mapping", list, create=True, response=False)
    personality = Body("personality", list, create=True, response=False, max_microversion="2.56")
    min_count = Body("min_count", int, create=True, response=False)
    max_count = Body("max_count", int, create=True, response=False)
    return_reservation_id = Body("return_reservation_id", bool, create=True, response=False)
    requested_availability_zone = Body("availability_zone", str, create=True, response=False)
    requested_user_data = Body("user_data", str, create=True, response=False)
    requested_tags = Body("tags", list, min_microversion="2.52", create=True, response=False)
    requested_host = Body("host", str, min_microversion="2.74", create=True, response=False)
    requested_hypervisor_hostname = Body("hypervisor_hostname", str, min_microversion="2.74", create=True,
                                         response=False)
    requested_hostname = Body("hostname", str, min_microversion="2.90", create=True, commit=True, response=False)
    requested_scheduler_hints = Body("os:scheduler_hints", dict, create=True, response=False, top_level=True)
    legacy_scheduler_hints = Body("OS-SCH-HNT:scheduler_hints", dict, create=True, response=False, top_level=True)

    reboot = Action("reboot", type=Param("type", str, required=True))
    resize = Action("resize", flavor_id=Param("flavorRef", (str, int), required=True),
                    disk_config=Param("OS-DCF:diskConfig", str))
    confirm_resize = Action("confirmResize")
    revert_resize = Action("revertResize")
    create_image = Action("createImage", name=Param("name", str, required=True), metadata=Param("metadata", dict))
    start = Action("os-start")
    stop = Action("os-stop")


class ServerMethods:
    """``conn.compute`` calls on servers: list, get, find, create, update, delete, wait."""

    extends = "compute"
    resources = (Server,)

    def servers(self, details: bool = True, **query: Any) -> Iterator[Server]:
        """Every server the caller may see, page after page (``details=False``: id, name, links)."""
        return self._list(Server, details=details, **query)

    def get_server(self, server: Server | str) -> Server:
        """One server, as the server shows it now."""
        return self._get(Server, server)

    def find_server(self, name_or_id: str, *, ignore_missing: bool = True, **query: Any) -> Server | None:
        """The server with this id, or the one with this name (``None`` if none)."""
        return self._find(Server, name_or_id, ignore_missing=ignore_missing, name=f"^{re.escape(name_or_id)}$", **query)

    def create_server(self, **attrs: Any) -> Server:
        """Create a server (``name``, ``flavor_id``, ``image_id``, ``networks`` ...); it starts in BUILD."""
        return self._create(Server, **attrs)

    def update_server(self, server: Server | str, **attrs: Any) -> Server:
        """Change a server's name, description, access addresses, disk config or hostname."""
        return self._update(Server, server, **attrs)

    def delete_server(self, server: Server | str, *, ignore_missing: bool = True) -> None:
        """Delete a server (``ignore_missing=False``: a missing one raises ``NotFound``)."""
        self._delete(Server, server, ignore_missing=ignore_missing)

    def wait_for_server(self, server: Server | str, *, status: str = "ACTIVE", failures: tuple[str, ...] = ("ERROR",),
                        interval: float = 2.0, wait: float = 120.0) -> Server:
        """Poll a server until it reaches ``status``; ``ClientError`` on a failure status or timeout."""
        return self._wait_for(Server, server, status=status, failures=failures, interval=interval, wait=wait)

    def wait_for_delete(self, server: Server | str, *, interval: float = 2.0, wait: float = 120.0) -> None:
        """Poll until a deleted server is gone."""
        self._wait_for_delete(Server, server, interval=interval, wait=wait)


def server_path(server: Server | str) -> dict[str, Any]:
    """The path values of a resource nested under ``server`` (a :class:`Server` or its id)."""
    return {"server_id": server.identity if isinstance(server, Server) else server}

"""Response bodies of the servers API, per microversion, in Nova's wire format.

A server record (the database model) is shown together with facts the record does not
hold itself; the controller gathers those into a :class:`ServerEntry`:

* ``status`` — from :func:`apiframe.compute.driver.status_of`;
* ``metadata`` and ``tags`` — read by the controller (relationships are not relied on);
* ``pinned_availability_zone`` and ``scheduler_hints`` — what the create request asked for,
  when the caller knows it.

``record.addresses`` is expected in the extended wire form,
``{network: [{"addr", "version", "OS-EXT-IPS:type", "OS-EXT-IPS-MAC:mac_addr"}]}``;
``record.flavor`` is the flavor snapshot taken at boot (``flavorid``, ``name``, ``vcpus``,
``ram``, ``disk``, ``ephemeral``, ``swap``, ``extra_specs``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from apiframe.compute.views.common import (
    ViewRequest,
    bookmark_link,
    collection_links,
    db_time,
    isotime,
    resource_links,
)

COLLECTION = "servers"

#: Policy rules that decide which optional fields a caller sees (Nova's names).
EXTENDED_ATTRIBUTES_RULE = "os_compute_api:os-extended-server-attributes"
FLAVOR_EXTRA_SPECS_RULE = "os_compute_api:servers:show:flavor-extra-specs"
HOST_STATUS_RULE = "os_compute_api:servers:show:host_status"
HOST_STATUS_UNKNOWN_ONLY_RULE = "os_compute_api:servers:show:host_status:unknown-only"

_PROGRESS_STATUSES = frozenset({"ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING"})
_HOST_STATUS_UNKNOWN = "UNKNOWN"


class ServerEntry(NamedTuple):
    """One server as shown: its record plus the facts the controller looked up for it."""

    record: Any
    status: str
    metadata: Mapping[str, str]
    tags: Sequence[str]
    pinned_availability_zone: str | None = None
    scheduler_hints: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class _Visibility:
    """Which policy-gated parts the caller may see; decided once per request."""

    extra_specs: bool
    extended_attributes: bool
    host_status: str | None  # None: hidden, "all": any value, "unknown-only": only UNKNOWN


def _extra_specs_visible(req: ViewRequest, target: Mapping[str, str] | None) -> bool:
    return req.is_supported("2.47") and req.context.can(FLAVOR_EXTRA_SPECS_RULE, target=target, fatal=False)


def _visibility(req: ViewRequest, target: Mapping[str, str] | None) -> _Visibility:
    can = req.context.can
    host_status = None
    if req.is_supported("2.16"):
        if can(HOST_STATUS_RULE, target=target, fatal=False):
            host_status = "all"
        elif can(HOST_STATUS_UNKNOWN_ONLY_RULE, target=target, fatal=False):
            host_status = "unknown-only"
    return _Visibility(
        extra_specs=_extra_specs_visible(req, target),
        extended_attributes=can(EXTENDED_ATTRIBUTES_RULE, target=target, fatal=False),
        host_status=host_status,
    )


def host_id(host: str | None, project_id: str | None) -> str:
    """Nova's obfuscated ``hostId``: a per-project hash of the host name, ``""`` without a host."""
    if not host:
        return ""
    return hashlib.sha224(f"{project_id}{host}".encode()).hexdigest()


def host_status(record: Any) -> str:
    """The ``host_status`` of a server: ``UP`` on a host, ``""`` before it has one."""
    return "UP" if record.host else ""


def _addresses(record: Any, extended: bool) -> dict[str, list[dict[str, Any]]]:
    if record.vm_state == "building":
        return {}
    if extended:
        return {net: [dict(ip) for ip in ips] for net, ips in (record.addresses or {}).items()}
    return {
        net: [{"version": ip["version"], "addr": ip["addr"]} for ip in ips]
        for net, ips in (record.addresses or {}).items()
    }


def _image(req: ViewRequest, record: Any) -> dict[str, Any] | str:
    if not record.image_ref:
        return ""
    image: dict[str, Any] = {
        "id": record.image_ref,
        "links": [bookmark_link(req, "images", record.image_ref)],
    }
    if req.is_supported("2.98"):
        # Image properties are not kept with the server, so there are none to show.
        image["properties"] = {}
    return image


def _flavor(req: ViewRequest, record: Any, show_extra_specs: bool) -> dict[str, Any]:
    flavor = record.flavor
    if not req.is_supported("2.47"):
        flavor_id = str(flavor["flavorid"])
        return {"id": flavor_id, "links": [bookmark_link(req, "flavors", flavor_id)]}
    shown = {
        "vcpus": flavor["vcpus"],
        "ram": flavor["ram"],
        "disk": flavor["disk"],
        "ephemeral": flavor["ephemeral"],
        "swap": flavor["swap"],
        "original_name": flavor["name"],
    }
    if show_extra_specs:
        shown["extra_specs"] = dict(flavor.get("extra_specs") or {})
    return shown


def _config_drive(value: Any) -> str:
    if value is True:
        return "True"
    return str(value) if value else ""


def _disk_config(value: Any) -> str:
    return "AUTO" if value in (True, "AUTO") else "MANUAL"


def _instance_name(server_id: str) -> str:
    return f"instance-{server_id.replace('-', '')[:8]}"


def _core(req: ViewRequest, entry: ServerEntry, vis: _Visibility, extend_address: bool) -> dict[str, Any]:
    """The fields every full representation has, GET and (before 2.75) PUT alike."""
    record = entry.record
    server = {
        "accessIPv4": record.access_ip_v4 or "",
        "accessIPv6": record.access_ip_v6 or "",
        "addresses": _addresses(record, extend_address),
        "created": isotime(record.created_at),
        "flavor": _flavor(req, record, vis.extra_specs),
        "hostId": host_id(record.host, record.project_id),
        "id": record.id,
        "image": _image(req, record),
        "links": resource_links(req, COLLECTION, record.id),
        "metadata": dict(entry.metadata),
        "name": record.name,
        "status": entry.status,
        "tenant_id": record.project_id or "",
        "user_id": record.user_id or "",
        "updated": isotime(record.updated_at or record.created_at),
        "OS-DCF:diskConfig": _disk_config(record.disk_config),
    }
    if entry.status in _PROGRESS_STATUSES:
        server["progress"] = record.progress or 0
    return server


def _extended(req: ViewRequest, record: Any, vis: _Visibility) -> dict[str, Any]:
    """The fields GET always had and PUT gained at 2.75."""
    fields = {
        "OS-EXT-AZ:availability_zone": record.availability_zone or "",
        "config_drive": _config_drive(record.config_drive),
        "key_name": record.key_name,
        "OS-SRV-USG:launched_at": db_time(record.launched_at),
        "OS-SRV-USG:terminated_at": db_time(record.terminated_at),
        "security_groups": [{"name": group["name"]} for group in record.security_groups or ()],
        "OS-EXT-STS:task_state": record.task_state,
        "OS-EXT-STS:vm_state": record.vm_state,
        "OS-EXT-STS:power_state": record.power_state,
        # No volume service: nothing is ever attached.
        "os-extended-volumes:volumes_attached": [],
    }
    if vis.extended_attributes:
        fields.update({
            "OS-EXT-SRV-ATTR:host": record.host,
            "OS-EXT-SRV-ATTR:instance_name": _instance_name(record.id),
            "OS-EXT-SRV-ATTR:hypervisor_hostname": record.node,
        })
        if req.is_supported("2.3"):
            fields.update({
                "OS-EXT-SRV-ATTR:hostname": record.hostname,
                "OS-EXT-SRV-ATTR:kernel_id": "",
                "OS-EXT-SRV-ATTR:launch_index": record.launch_index,
                "OS-EXT-SRV-ATTR:ramdisk_id": "",
                "OS-EXT-SRV-ATTR:reservation_id": record.reservation_id,
                "OS-EXT-SRV-ATTR:root_device_name": None,
                "OS-EXT-SRV-ATTR:user_data": record.user_data,
            })
    if vis.host_status is not None:
        status = host_status(record)
        if vis.host_status == "all" or status == _HOST_STATUS_UNKNOWN:
            fields["host_status"] = status
    return fields


def _versioned(req: ViewRequest, entry: ServerEntry, vis: _Visibility, server_groups: bool) -> dict[str, Any]:
    """The fields added by microversions, in the order Nova introduced them."""
    record = entry.record
    fields: dict[str, Any] = {}
    if req.is_supported("2.9"):
        fields["locked"] = bool(record.locked)
    if req.is_supported("2.19"):
        fields["description"] = record.description
    if req.is_supported("2.26"):
        fields["tags"] = list(entry.tags)
    if req.is_supported("2.63"):
        # Trusted image certificates are not supported, so there are never any.
        fields["trusted_image_certificates"] = None
    if server_groups:
        # Server groups are not supported: a server belongs to none.
        fields["server_groups"] = []
    if req.is_supported("2.73"):
        fields["locked_reason"] = record.locked_reason
    if req.is_supported("2.90") and not vis.extended_attributes:
        fields["OS-EXT-SRV-ATTR:hostname"] = record.hostname
    if req.is_supported("2.96"):
        fields["pinned_availability_zone"] = entry.pinned_availability_zone
    if req.is_supported("2.100"):
        fields["scheduler_hints"] = dict(entry.scheduler_hints or {})
    return fields


def _full(req: ViewRequest, entry: ServerEntry, vis: _Visibility, server_groups: bool) -> dict[str, Any]:
    server = _core(req, entry, vis, extend_address=True)
    server.update(_extended(req, entry.record, vis))
    server.update(_versioned(req, entry, vis, server_groups))
    return server


def _target(entry: ServerEntry) -> dict[str, str]:
    return {"project_id": entry.record.project_id}


def show(req: ViewRequest, entry: ServerEntry) -> dict[str, Any]:
    """``GET /servers/{id}``: ``{"server": {...}}`` with every field of the request's version."""
    vis = _visibility(req, _target(entry))
    return {"server": _full(req, entry, vis, server_groups=req.is_supported("2.71"))}


def update(req: ViewRequest, entry: ServerEntry) -> dict[str, Any]:
    """``PUT /servers/{id}``: a reduced representation before 2.75, the GET one from 2.75."""
    if req.is_supported("2.75"):
        return show(req, entry)
    vis = _Visibility(_extra_specs_visible(req, _target(entry)), extended_attributes=False, host_status=None)
    server = _core(req, entry, vis, extend_address=False)
    server.update(_versioned(req, entry, vis, server_groups=req.is_supported("2.71")))
    return {"server": server}


def basic(req: ViewRequest, record: Any) -> dict[str, Any]:
    """One item of ``GET /servers``: ``id``, ``name`` and links."""
    return {"id": record.id, "name": record.name, "links": resource_links(req, COLLECTION, record.id)}


def index(req: ViewRequest, records: Sequence[Any], limit: int | None) -> dict[str, Any]:
    """``GET /servers``: ``{"servers": [...]}`` plus ``servers_links`` when the page is full."""
    body: dict[str, Any] = {"servers": [basic(req, record) for record in records]}
    links = collection_links(req, COLLECTION, records, limit)
    if links:
        body["servers_links"] = links
    return body


def detail(req: ViewRequest, entries: Iterable[ServerEntry], limit: int | None) -> dict[str, Any]:
    """``GET /servers/detail``: full servers (without ``server_groups``) plus ``servers_links``."""
    entries = list(entries)
    # Nova decides list visibility once, without a per-server target.
    vis = _visibility(req, None)
    body: dict[str, Any] = {"servers": [_full(req, entry, vis, server_groups=False) for entry in entries]}
    links = collection_links(req, f"{COLLECTION}/detail", [entry.record for entry in entries], limit)
    if links:
        body["servers_links"] = links
    return body


def create(req: ViewRequest, record: Any, admin_pass: str | None = None) -> dict[str, Any]:
    """``POST /servers`` (202): id, links, disk config, security groups and, if given, ``adminPass``."""
    server = {
        "id": record.id,
        "links": resource_links(req, COLLECTION, record.id),
        "OS-DCF:diskConfig": _disk_config(record.disk_config),
        "security_groups": [{"name": group["name"]} for group in record.security_groups or ()]
        or [{"name": "default"}],
    }
    if admin_pass is not None:
        server["adminPass"] = admin_pass
    return {"server": server}


def reservation(reservation_id: str) -> dict[str, str]:
    """``POST /servers`` with ``return_reservation_id``: ``{"reservation_id": "r-..."}``."""
    return {"reservation_id": reservation_id}


def image_created(image_id: str) -> dict[str, str]:
    """``createImage`` from 2.45: ``{"image_id": ...}``."""
    return {"image_id": image_id}

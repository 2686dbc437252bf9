"""Response bodies of the flavors API, per microversion, in Nova's wire format.

A flavor record has ``flavorid``, ``name``, ``memory_mb``, ``vcpus``, ``root_gb``,
``ephemeral_gb``, ``swap``, ``rxtx_factor``, ``is_public``, ``disabled`` and
``description``; its extra specs are passed separately.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from apiframe.compute.views.common import ViewRequest, collection_links, resource_links

COLLECTION = "flavors"

#: Policy rule that lets a caller see ``extra_specs`` inside a flavor from 2.61 (Nova's name).
EXTRA_SPECS_RULE = "os_compute_api:os-flavor-extra-specs:index"


def extra_specs_visible(req: ViewRequest) -> bool:
    """True when flavors in this response carry ``extra_specs`` (2.61+, by policy)."""
    return req.is_supported("2.61") and req.context.can(EXTRA_SPECS_RULE, fatal=False)


def basic(req: ViewRequest, flavor: Any) -> dict[str, Any]:
    """One item of ``GET /flavors``: ``id``, ``name``, links, and ``description`` from 2.55."""
    shown = {
        "id": flavor.flavorid,
        "name": flavor.name,
        "links": resource_links(req, COLLECTION, flavor.flavorid),
    }
    if req.is_supported("2.55"):
        shown["description"] = flavor.description
    return shown


def _full(req: ViewRequest, flavor: Any, extra_specs: Mapping[str, str] | None) -> dict[str, Any]:
    shown = {
        "id": flavor.flavorid,
        "name": flavor.name,
        "ram": flavor.memory_mb,
        "disk": flavor.root_gb,
        # Before 2.75 a zero swap is shown as an empty string.
        "swap": flavor.swap or (0 if req.is_supported("2.75") else ""),
        "OS-FLV-EXT-DATA:ephemeral": flavor.ephemeral_gb,
        "OS-FLV-DISABLED:disabled": flavor.disabled,
        "vcpus": flavor.vcpus,
        "os-flavor-access:is_public": flavor.is_public,
        "rxtx_factor": flavor.rxtx_factor or "",
        "links": resource_links(req, COLLECTION, flavor.flavorid),
    }
    if req.is_supported("2.55"):
        shown["description"] = flavor.description
    if extra_specs_visible(req):
        shown["extra_specs"] = dict(extra_specs or {})
    return shown


def show(req: ViewRequest, flavor: Any, extra_specs: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``GET /flavors/{id}`` (and the create/update answers): ``{"flavor": {...}}``."""
    return {"flavor": _full(req, flavor, extra_specs)}


def index(req: ViewRequest, flavors: Sequence[Any], limit: int | None) -> dict[str, Any]:
    """``GET /flavors``: ``{"flavors": [...]}`` plus ``flavors_links`` when the page is full."""
    return _collection(req, COLLECTION, [basic(req, flavor) for flavor in flavors], flavors, limit)


def detail(req: ViewRequest, flavors: Sequence[Any], limit: int | None,
           extra_specs: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """``GET /flavors/detail``; ``extra_specs`` maps a flavorid to that flavor's extra specs."""
    specs = extra_specs or {}
    shown = [_full(req, flavor, specs.get(flavor.flavorid)) for flavor in flavors]
    return _collection(req, f"{COLLECTION}/detail", shown, flavors, limit)


def _collection(req: ViewRequest, name: str, shown: list[dict[str, Any]], flavors: Sequence[Any],
                limit: int | None) -> dict[str, Any]:
    body: dict[str, Any] = {"flavors": shown}
    links = collection_links(req, name, flavors, limit, id_key="flavorid")
    if links:
        body["flavors_links"] = links
    return body


def access_list(flavor_id: str, project_ids: Sequence[str]) -> dict[str, Any]:
    """``GET /flavors/{id}/os-flavor-access`` and the access actions: who may use a private flavor."""
    return {"flavor_access": [{"flavor_id": flavor_id, "tenant_id": project} for project in project_ids]}

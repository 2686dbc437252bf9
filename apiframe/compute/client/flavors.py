"""Flavors: the resource and the ``conn.compute`` calls of the flavors plugin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apiframe.client import Body, QueryParameters, Resource, since


class Flavor(Resource):
    """A size a server can have: vCPUs, RAM, disks."""

    base_path = "/flavors"
    resource_key = "flavor"
    resources_key = "flavors"
    detail_suffix = "/detail"
    allow_list = allow_create = allow_fetch = allow_delete = True
    allow_commit = since("2.55")
    query = QueryParameters("limit", "marker", "sort_key", "sort_dir", is_public="is_public", min_ram="minRam",
                            min_disk="minDisk")

    id = Body("id", str, create=True)
    name = Body("name", str, create=True)
    links = Body("links", list)
    ram = Body("ram", int, create=True)
    disk = Body("disk", int, create=True)
    vcpus = Body("vcpus", int, create=True)
    #: "" when the flavor has no swap, until 2.75 (then 0).
    swap = Body("swap", (int, str), create=True)
    rxtx_factor = Body("rxtx_factor", (float, int, str), create=True)
    is_public = Body("os-flavor-access:is_public", bool, create=True)
    ephemeral = Body("OS-FLV-EXT-DATA:ephemeral", int, create=True)
    is_disabled = Body("OS-FLV-DISABLED:disabled", bool)
    description = Body("description", str, min_microversion="2.55", create=True, commit=True)
    extra_specs = Body("extra_specs", dict, min_microversion="2.61")


class FlavorMethods:
    """``conn.compute`` calls on flavors."""

    extends = "compute"
    resources = (Flavor,)

    def flavors(self, details: bool = True, **query: Any) -> Iterator[Flavor]:
        """Every flavor, page after page (``details=False``: id, name, links)."""
        return self._list(Flavor, details=details, **query)

    def get_flavor(self, flavor: Flavor | str) -> Flavor:
        """One flavor."""
        return self._get(Flavor, flavor)

    def find_flavor(self, name_or_id: str, *, ignore_missing: bool = True) -> Flavor | None:
        """The flavor with this id, or the one with this name."""
        return self._find(Flavor, name_or_id, ignore_missing=ignore_missing)

    def create_flavor(self, **attrs: Any) -> Flavor:
        """Create a flavor (``name``, ``ram``, ``vcpus``, ``disk`` ...); an admin call."""
        return self._create(Flavor, **attrs)

    def update_flavor(self, flavor: Flavor | str, **attrs: Any) -> Flavor:
        """Change a flavor's description (2.55+)."""
        return self._update(Flavor, flavor, **attrs)

    def delete_flavor(self, flavor: Flavor | str, *, ignore_missing: bool = True) -> None:
        """Delete a flavor."""
        self._delete(Flavor, flavor, ignore_missing=ignore_missing)

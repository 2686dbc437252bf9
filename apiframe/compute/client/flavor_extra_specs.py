"""``conn.compute`` calls of the flavor-extra-specs plugin: a flavor's key/value specs."""

from __future__ import annotations

from typing import Any

from apiframe.client import Resource
from apiframe.compute.client.flavors import Flavor


class FlavorExtraSpecs(Resource):
    """The extra specs of a flavor: ``{"extra_specs": {...}}``, one item as ``{key: value}``."""

    kind = "map"
    base_path = "/flavors/{flavor_id}/os-extra_specs"
    resources_key = "extra_specs"
    allow_list = allow_create = allow_fetch = allow_commit = allow_delete = True


def _uri(flavor: Flavor | str) -> dict[str, Any]:
    return {"flavor_id": flavor.identity if isinstance(flavor, Flavor) else flavor}


class FlavorExtraSpecsMethods:
    """Read and change the extra specs of a flavor."""

    extends = "compute"
    resources = (FlavorExtraSpecs,)

    def get_flavor_extra_specs(self, flavor: Flavor | str) -> dict[str, str]:
        """All extra specs of a flavor."""
        return self._call(FlavorExtraSpecs, "list", _uri(flavor))["extra_specs"]

    def create_flavor_extra_specs(self, flavor: Flavor | str, specs: dict[str, str]) -> dict[str, str]:
        """Add or change several extra specs; returns the ones sent, as stored."""
        return self._call(FlavorExtraSpecs, "create", _uri(flavor), json={"extra_specs": specs})["extra_specs"]

    def get_flavor_extra_specs_property(self, flavor: Flavor | str, key: str) -> str:
        """One extra spec's value."""
        return self._call(FlavorExtraSpecs, "fetch", _uri(flavor), key)[key]

    def update_flavor_extra_specs_property(self, flavor: Flavor | str, key: str, value: str) -> str:
        """Set one extra spec."""
        return self._call(FlavorExtraSpecs, "commit", _uri(flavor), key, json={key: value})[key]

    def delete_flavor_extra_specs_property(self, flavor: Flavor | str, key: str) -> None:
        """Remove one extra spec."""
        self._call(FlavorExtraSpecs, "delete", _uri(flavor), key)

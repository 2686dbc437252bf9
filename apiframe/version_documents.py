"""The shapes of version discovery documents, one per wire convention an API may follow.

An API definition names its shape; :class:`~apiframe.versions.VersionsController` serves
what the shape produces. ``listing`` is the body of ``GET /``; ``document`` the body of
``GET <prefix>/``, or ``None`` where the API has no per-version document (it then has no
such route).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apiframe.definition import APIDefinition

CURRENT = "CURRENT"


class VersionDocuments(ABC):
    """Builds an API's version documents from its definition and the request's base URL.

    Shapes are values (subclasses are frozen dataclasses), so two definitions that differ
    in nothing else compare equal.
    """

    @abstractmethod
    def listing(self, api: APIDefinition, base_url: str) -> dict[str, Any]:
        """The body of ``GET /``: the versions the service offers."""

    def document(self, api: APIDefinition, base_url: str) -> dict[str, Any] | None:
        """The body of ``GET <prefix>/``, or ``None`` when there is no such document."""
        return None


@dataclass(frozen=True)
class NovaVersionDocuments(VersionDocuments):
    """The compute API's documents: ``{"versions": [...]}`` and ``{"version": {...}}``.

    Each entry holds exactly ``id``, ``status``, ``version``, ``min_version``, ``updated``
    and ``links``; the per-version document adds a ``describedby`` link and
    ``media-types`` (client schemas forbid other keys).
    """

    def _entry(self, api: APIDefinition, base_url: str) -> dict[str, Any]:
        return {
            "id": api.version_id,
            "status": CURRENT,
            "version": str(api.history.max),
            "min_version": str(api.history.min),
            "updated": api.history.updated,
            "links": [{"href": f"{base_url}{api.prefix}/", "rel": "self"}],
        }

    def listing(self, api: APIDefinition, base_url: str) -> dict[str, Any]:
        """``{"versions": [entry]}``."""
        return {"versions": [self._entry(api, base_url)]}

    def document(self, api: APIDefinition, base_url: str) -> dict[str, Any]:
        """``{"version": entry + describedby link + media-types}``."""
        version = self._entry(api, base_url)
        version["links"].append({"href": api.docs_url, "rel": "describedby", "type": "text/html"})
        version["media-types"] = [{"base": "application/json", "type": api.media_type}]
        return {"version": version}


@dataclass(frozen=True)
class PlacementVersionDocuments(VersionDocuments):
    """The placement API's single document at ``/``: the range as ``min_version``/``max_version``.

    ``{"versions": [{"id": "v1.0", "max_version": "1.39", "min_version": "1.0",
    "status": "CURRENT", "links": [{"rel": "self", "href": ""}]}]}``; no per-version document.
    """

    def listing(self, api: APIDefinition, base_url: str) -> dict[str, Any]:
        """``{"versions": [{id, max_version, min_version, status, links}]}``."""
        return {"versions": [{
            "id": api.version_id,
            "max_version": str(api.history.max),
            "min_version": str(api.history.min),
            "status": CURRENT,
            "links": [{"rel": "self", "href": ""}],
        }]}

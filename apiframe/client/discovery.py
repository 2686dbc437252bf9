"""Discovery: read an API's version document once per session, and pick the microversion.

The version document of the versioned root (``GET /v2.1/``) names the range of
microversions the server serves; a root document (``GET /``, a ``versions`` list) is
read the same way, choosing the entry of the description's ``version_id``. The answer
is remembered per keystoneauth session and URL, so every proxy, and every connection
sharing a session, asks once.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from apiframe.api_version import APIVersion
from apiframe.client.errors import (
    ClientError,
    NotFound,
    UnsupportedMicroversion,
    from_response,
    request_id_of,
    translating,
)
from apiframe.client.service import ServiceDescription
from apiframe.exception import InvalidAPIVersionString

#: The response header in which an apiframe server names the fingerprint of its routes.
SURFACE_HEADER = "X-Apiframe-Surface"
#: Version documents already read, per session and document URL; dies with the session.
_DOCUMENTS: weakref.WeakKeyDictionary[Any, dict[str, VersionInfo]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class VersionInfo:
    """What a version document says: the version's id and status, and its microversion range.

    ``min_version``/``max_version`` are ``None`` for an API without microversions.
    ``surface`` is the fingerprint of the served routes an apiframe server sends
    (``X-Apiframe-Surface``), so two deployments' APIs can be told apart.
    """

    id: str
    status: str
    min_version: APIVersion | None
    max_version: APIVersion | None
    surface: str | None = None


def parse_version(text: str | APIVersion, what: str = "microversion") -> APIVersion:
    """``"2.60"`` as an :class:`APIVersion`; a :class:`ClientError` names a malformed one."""
    if isinstance(text, APIVersion):
        return text
    try:
        return APIVersion.parse(str(text))
    except InvalidAPIVersionString:
        raise ClientError(f"{what} {text!r} is not of the form X.Y") from None


def discover(session: Any, description: ServiceDescription, service_url: str) -> VersionInfo:
    """The version document of ``service_url``, read once per session."""
    url = description.document_url(service_url)
    known = _DOCUMENTS.setdefault(session, {})
    info = known.get(url)
    if info is None:
        info = known[url] = _read(session, description, url)
    return info


def _read(session: Any, description: ServiceDescription, url: str) -> VersionInfo:
    with translating():
        response = session.get(url, headers={"Accept": "application/json"}, raise_exc=False)
    if response.status_code == 404:
        raise NotFound(f"no version document at {url}; is this the endpoint of the {description.service_type} API?",
                       status=404, request_id=request_id_of(response.headers))
    if response.status_code >= 400:
        raise from_response(response, description.fault_format)
    try:
        document = response.json()
    except ValueError:
        raise ClientError(f"the version document at {url} is not JSON", status=response.status_code) from None
    entry = _entry(document, description)
    if entry is None:
        raise ClientError(f"the version document at {url} has no version {description.version_id or ''}".rstrip(),
                          status=response.status_code)
    high = entry.get("version") or entry.get("max_version")
    low = entry.get("min_version")
    return VersionInfo(
        id=str(entry.get("id", "")), status=str(entry.get("status", "")),
        min_version=parse_version(low, "min_version") if low else None,
        max_version=parse_version(high, "version") if high else None,
        surface=response.headers.get(SURFACE_HEADER))


def _entry(document: Any, description: ServiceDescription) -> dict[str, Any] | None:
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("version"), dict):
        return document["version"]
    versions = document.get("versions")
    if isinstance(versions, dict):  # {"versions": {"values": [...]}}
        versions = versions.get("values")
    if not isinstance(versions, list):
        return None
    entries = [v for v in versions if isinstance(v, dict)]
    for wanted in (lambda v: v.get("id") == description.version_id,
                   lambda v: str(v.get("status", "")).upper() == "CURRENT"):
        chosen = [v for v in entries if wanted(v)]
        if chosen:
            return chosen[0]
    return entries[0] if len(entries) == 1 else None


def negotiate(info: VersionInfo, client_max: APIVersion | None, *, service: str,
              pinned: str | APIVersion | None = None,
              minimum: str | APIVersion | None = None) -> APIVersion | None:
    """The microversion to use: ``pinned``, or the highest both sides know, at least ``minimum``.

    Raises :class:`UnsupportedMicroversion` naming both ranges when there is none.
    ``None``: the API has no microversions (and nothing was asked for).
    """
    low, high = info.min_version, info.max_version
    wanted = parse_version(pinned) if pinned is not None else None
    floor = parse_version(minimum, "minimum microversion") if minimum is not None else None
    if high is None:
        if wanted is not None or floor is not None:
            raise UnsupportedMicroversion(f"the {service} API at this endpoint has no microversions")
        return None
    low = low or high
    offered = f"the server offers {low} to {high}"
    if wanted is not None:
        if not low <= wanted <= high:
            raise UnsupportedMicroversion(f"{service} microversion {wanted} is not available: {offered}")
        if client_max is not None and wanted > client_max:
            raise UnsupportedMicroversion(f"{service} microversion {wanted} is newer than this client, "
                                          f"which knows up to {client_max}")
        return wanted
    chosen = high if client_max is None else min(high, client_max)
    if chosen < low:
        raise UnsupportedMicroversion(f"this client knows {service} up to {client_max}, but {offered}")
    if floor is not None and chosen < floor:
        raise UnsupportedMicroversion(f"{service} microversion {floor} or later is required, but {offered}"
                                      + ("" if chosen == high else f" and this client knows up to {client_max}"))
    return chosen

"""What the client layers need to know about one API, and nothing else.

A :class:`ServiceDescription` is supplied by the client of an API (the compute client
declares the compute API's); a later step may derive it from the server's API
definition. The client layers read every service-specific fact from it: how the
service is found in a catalog, where its versioned root lies, how a microversion is
asked for, how faults and pages look.
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD_HEADER = "OpenStack-API-Version"


@dataclass(frozen=True)
class ServiceDescription:
    """The facts of one microversioned API a client talks to.

    ``service_type``: the catalog type, also the name in ``OpenStack-API-Version``.
    ``url_prefix``: the versioned root below the service's root URL (``/v2.1``; ``""``
    when the API has none). ``version_id``: the id of that version in the root version
    document (``v2.1``). ``legacy_header``: a header that carries the bare version too
    (older servers read only it). ``fault_format``: ``nova``, ``errors`` or ``problem``
    (see :mod:`apiframe.client.faults`). ``links_suffix``: lists are paged with
    ``<resources_key><links_suffix>`` next links (``None``: never paged).
    """

    service_type: str
    url_prefix: str = ""
    version_id: str | None = None
    legacy_header: str | None = None
    fault_format: str = "errors"
    links_suffix: str | None = "_links"

    def version_headers(self, version: str) -> dict[str, str]:
        """The headers that ask for microversion ``version``."""
        headers = {STANDARD_HEADER: f"{self.service_type} {version}"}
        if self.legacy_header:
            headers[self.legacy_header] = version
        return headers

    def service_url(self, endpoint: str) -> str:
        """The versioned root for an endpoint given as the service root or the versioned root."""
        endpoint = endpoint.rstrip("/")
        if not self.url_prefix or self._prefix_end(endpoint) is not None:
            return endpoint
        return endpoint + self.url_prefix

    def document_url(self, service_url: str) -> str:
        """Where the version document of a versioned root lies (a catalog URL may go deeper)."""
        end = self._prefix_end(service_url) if self.url_prefix else None
        return (service_url[:end] if end is not None else service_url.rstrip("/")) + "/"

    def _prefix_end(self, url: str) -> int | None:
        """Where the URL prefix ends in ``url``'s path, ``None`` if the path lacks it."""
        scheme_end = url.find("://")
        path_start = url.find("/", scheme_end + 3 if scheme_end >= 0 else 0)
        if path_start < 0:
            return None
        found = (url + "/").find(self.url_prefix + "/", path_start)
        return None if found < 0 else found + len(self.url_prefix)

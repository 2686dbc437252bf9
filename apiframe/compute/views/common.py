"""Pieces every compute view shares: links, pagination links and Nova's timestamp formats."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from apiframe.api_version import APIVersion

_UTC_NAMES = ("UTC", "UTC+00:00")


class ViewRequest(Protocol):
    """What views read from a request.

    ``endpoint`` is the versioned URL prefix (``http://host/v2.1`` or
    ``http://host/v2.1/<project_id>`` when the URL had a project id), ``bookmark_endpoint``
    the same without the version, ``GET`` the query string as a multidict, and ``context``
    offers ``can(rule, target=None, fatal=False) -> bool`` for policy-gated fields.
    """

    api_version: APIVersion
    endpoint: str
    bookmark_endpoint: str
    GET: Any
    context: Any

    def is_supported(self, version: str) -> bool:
        """True when the request's microversion is at least ``version``."""


def resource_links(req: ViewRequest, collection_name: str, identifier: str) -> list[dict[str, str]]:
    """The ``self`` and ``bookmark`` links of one resource, in Nova's order."""
    return [
        {"rel": "self", "href": f"{req.endpoint}/{collection_name}/{quote(str(identifier), safe='')}"},
        bookmark_link(req, collection_name, identifier),
    ]


def bookmark_link(req: ViewRequest, collection_name: str, identifier: str) -> dict[str, str]:
    """The version-less ``bookmark`` link of one resource (what a server embeds for flavor/image)."""
    return {"rel": "bookmark", "href": f"{req.bookmark_endpoint}/{collection_name}/{quote(str(identifier), safe='')}"}


def collection_links(req: ViewRequest, collection_name: str, items: Sequence[Any], limit: int | None,
                     id_key: str = "id") -> list[dict[str, str]]:
    """The ``<collection>_links`` list: one ``next`` link when the page is full, else empty.

    ``limit`` is the page size actually applied (the request's ``limit`` capped by the
    configured maximum). The link repeats the request's query parameters, sorted and
    with ``marker`` set to the identifier (``id_key``) of the last item, as Nova does.
    """
    if not limit or len(items) != limit:
        return []
    last = items[-1]
    marker = last[id_key] if isinstance(last, Mapping) else getattr(last, id_key)
    # A dict keeps the last value of a repeated parameter, which is what Nova's link does.
    params = dict(sorted(req.GET.items()))
    params["marker"] = str(marker)
    return [{"rel": "next", "href": f"{req.endpoint}/{collection_name}?{urlencode(params)}"}]


def isotime(moment: datetime.datetime) -> str:
    """Format a timestamp the way servers show ``created``/``updated``: ``2013-09-03T04:01:32Z``.

    A naive value is taken to be UTC, as the database stores it.
    """
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    zone = moment.tzname() if moment.tzinfo else "UTC"
    return text + ("Z" if zone in _UTC_NAMES else zone)


def db_time(moment: datetime.datetime | None) -> str | None:
    """Format a raw database timestamp the way Nova serializes one: ``2014-05-07T12:06:13.681238``.

    Used for ``OS-SRV-USG:*`` and keypair timestamps; ``None`` stays ``None``.
    """
    if moment is None:
        return None
    return moment.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%f")

"""How a note looks on the wire at each microversion."""

from __future__ import annotations

from typing import Any

from apiframe.wsgi import Request


def note(req: Request, record: dict[str, Any]) -> dict[str, Any]:
    """One note: its fields, ``tags`` from 2.3, and self and bookmark links."""
    view = {
        "id": record["id"],
        "title": record["title"],
        "text": record["text"],
        "created_at": record["created_at"],
        "links": [
            {"rel": "self", "href": f"{req.endpoint}/notes/{record['id']}"},
            {"rel": "bookmark", "href": f"{req.bookmark_endpoint}/notes/{record['id']}"},
        ],
    }
    if req.is_supported("2.3"):
        view["tags"] = record["tags"]
    return view

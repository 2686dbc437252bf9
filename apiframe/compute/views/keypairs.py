"""Response bodies of the keypairs API, per microversion, in Nova's wire format.

A keypair record has ``id``, ``name``, ``user_id``, ``fingerprint``, ``public_key``,
``type``, ``created_at`` and ``updated_at``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from apiframe.compute.views.common import ViewRequest, collection_links, db_time

COLLECTION = "os-keypairs"


def _listed(req: ViewRequest, keypair: Any) -> dict[str, Any]:
    shown = {"name": keypair.name, "public_key": keypair.public_key, "fingerprint": keypair.fingerprint}
    if req.is_supported("2.2"):
        shown["type"] = keypair.type
    return shown


def create(req: ViewRequest, keypair: Any, private_key: str | None = None) -> dict[str, Any]:
    """``POST /os-keypairs``; ``private_key`` is given only when the key was generated (before 2.92)."""
    shown = _listed(req, keypair)
    shown["user_id"] = keypair.user_id
    if private_key is not None:
        shown["private_key"] = private_key
    return {"keypair": shown}


def show(req: ViewRequest, keypair: Any) -> dict[str, Any]:
    """``GET /os-keypairs/{name}``, with the soft-delete fields Nova still shows (never set)."""
    shown = _listed(req, keypair)
    shown.update({
        "user_id": keypair.user_id,
        "id": keypair.id,
        "created_at": db_time(keypair.created_at),
        "updated_at": db_time(keypair.updated_at),
        "deleted": False,
        "deleted_at": None,
    })
    return {"keypair": shown}


def index(req: ViewRequest, keypairs: Sequence[Any], limit: int | None = None) -> dict[str, Any]:
    """``GET /os-keypairs``: each item wrapped in ``{"keypair": ...}``; links by name from 2.35."""
    body: dict[str, Any] = {"keypairs": [{"keypair": _listed(req, keypair)} for keypair in keypairs]}
    if req.is_supported("2.35"):
        links = collection_links(req, COLLECTION, keypairs, limit, id_key="name")
        if links:
            body["keypairs_links"] = links
    return body

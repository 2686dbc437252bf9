"""Data access for key pairs (unique per user and name, enforced by the database)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.orm import Session

from apiframe import exception
from apiframe.compute.db.models import KeyPair
from apiframe.compute.db.pagination import paginate


def keypair_create(
    session: Session,
    now: dt.datetime,
    *,
    user_id: str,
    name: str,
    public_key: str,
    fingerprint: str,
    type: str = "ssh",
) -> KeyPair:
    """Store a key pair; an existing ``(user_id, name)`` raises ``Conflict``.

    No look-up comes first: the unique constraint decides, so two workers creating the
    same name at once get one success and one ``Conflict``.
    """
    keypair = KeyPair(
        user_id=user_id, name=name, public_key=public_key, fingerprint=fingerprint,
        type=type, created_at=now,
    )
    session.add(keypair)
    try:
        session.flush()
    except exc.IntegrityError:
        raise exception.Conflict(f"Key pair '{name}' already exists.") from None
    return keypair


def keypair_get(session: Session, user_id: str, name: str) -> KeyPair:
    """The user's key pair called ``name``; raises ``NotFound``."""
    keypair = session.scalar(sa.select(KeyPair).where(KeyPair.user_id == user_id, KeyPair.name == name))
    if keypair is None:
        raise exception.NotFound(f"Keypair {name} not found for user {user_id}")
    return keypair


def keypair_list(
    session: Session, user_id: str, *, limit: int | None = None, marker: str | None = None
) -> list[KeyPair]:
    """The user's key pairs sorted by name; ``marker`` is the last name already seen."""
    marker_row = None
    if marker is not None:
        marker_row = session.scalar(
            sa.select(KeyPair).where(KeyPair.user_id == user_id, KeyPair.name == marker)
        )
        if marker_row is None:
            raise exception.BadRequest(f"Marker {marker} could not be found.")
    stmt = sa.select(KeyPair).where(KeyPair.user_id == user_id)
    sort = [(KeyPair.name, "asc"), (KeyPair.id, "asc")]
    return list(session.scalars(paginate(stmt, sort, marker_row, limit)))


def keypair_delete(session: Session, user_id: str, name: str) -> None:
    """Delete the user's key pair called ``name``; raises ``NotFound``."""
    session.delete(keypair_get(session, user_id, name))
    session.flush()

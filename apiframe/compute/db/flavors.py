"""Data access for flavors, their extra specs and their project access lists."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.orm import Session

from apiframe import exception
from apiframe.compute.db.models import Flavor, FlavorExtraSpec, FlavorProject
from apiframe.compute.db.pagination import paginate
from apiframe.schemas import flavors as schemas

#: The flavors a fresh deployment offers: (flavorid, name, memory_mb, vcpus, root_gb).
DEFAULT_FLAVORS = (
    ("1", "m1.tiny", 512, 1, 1),
    ("2", "m1.small", 2048, 1, 20),
    ("3", "m1.medium", 4096, 2, 40),
    ("4", "m1.large", 8192, 4, 80),
    ("5", "m1.xlarge", 16384, 8, 160),
)

#: Sort keys for fields this API does not keep: every flavor has the same (no) value, so
#: sorting by them leaves the order to the tie-breaker, the flavor's row id.
_UNKEPT_SORT_KEYS = frozenset({"vcpu_weight"})

#: The column each sort key of the API (``apiframe.schemas.flavors.VALID_SORT_KEYS``) orders by.
SORT_KEYS = {key: None if key in _UNKEPT_SORT_KEYS else getattr(Flavor, key) for key in schemas.VALID_SORT_KEYS}


def flavor_snapshot(flavor: Flavor) -> dict[str, Any]:
    """The copy of a flavor a server keeps (``Server.flavor``)."""
    return {
        "flavorid": flavor.flavorid,
        "name": flavor.name,
        "vcpus": flavor.vcpus,
        "ram": flavor.memory_mb,
        "disk": flavor.root_gb,
        "ephemeral": flavor.ephemeral_gb,
        "swap": flavor.swap,
        "extra_specs": flavor.extra_specs,
    }


def flavor_create(
    session: Session,
    now: dt.datetime,
    *,
    name: str,
    memory_mb: int,
    vcpus: int,
    root_gb: int,
    flavorid: str | None = None,
    ephemeral_gb: int = 0,
    swap: int = 0,
    rxtx_factor: float = 1.0,
    is_public: bool = True,
    description: str | None = None,
) -> Flavor:
    """Create a flavor; ``flavorid`` defaults to a new UUID. Duplicates raise ``Conflict``."""
    flavor = Flavor(
        flavorid=flavorid or str(uuid.uuid4()), name=name, memory_mb=memory_mb, vcpus=vcpus,
        root_gb=root_gb, ephemeral_gb=ephemeral_gb, swap=swap, rxtx_factor=rxtx_factor,
        is_public=is_public, disabled=False, description=description, created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(flavor)
    except exc.IntegrityError:
        if session.scalar(sa.select(Flavor.id).where(Flavor.name == name)) is not None:
            raise exception.Conflict(f"Flavor with name {name} already exists.") from None
        raise exception.Conflict(f"Flavor with ID {flavor.flavorid} already exists.") from None
    return flavor


def flavor_get(session: Session, flavorid: str, *, project_id: str | None = None) -> Flavor:
    """The flavor with API id ``flavorid``, if visible to ``project_id`` (None: any).

    A private flavor is visible to the projects on its access list only.
    """
    stmt = _visible(sa.select(Flavor).where(Flavor.flavorid == flavorid), project_id)
    flavor = session.scalar(stmt)
    if flavor is None:
        raise exception.NotFound(f"Flavor {flavorid} could not be found.")
    return flavor


def flavor_list(
    session: Session,
    *,
    is_public: bool | None = True,
    project_id: str | None = None,
    min_memory_mb: int | None = None,
    min_root_gb: int | None = None,
    sort_key: str = "flavorid",
    sort_dir: str = "asc",
    limit: int | None = None,
    marker: str | None = None,
) -> list[Flavor]:
    """Flavors for a list page, as Nova filters them.

    ``is_public=True`` gives public flavors plus the private ones ``project_id`` has
    access to; ``False`` only private ones; ``None`` all. ``marker`` is a flavorid;
    an unknown one raises ``BadRequest``.
    """
    if sort_key not in SORT_KEYS:
        raise exception.BadRequest(f"Invalid sort key: {sort_key}")
    stmt = sa.select(Flavor)
    if is_public is not None:
        visible = Flavor.is_public == is_public
        if is_public and project_id is not None:
            visible = sa.or_(visible, _has_access(project_id))
        stmt = stmt.where(visible)
    if min_memory_mb is not None:
        stmt = stmt.where(Flavor.memory_mb >= min_memory_mb)
    if min_root_gb is not None:
        stmt = stmt.where(Flavor.root_gb >= min_root_gb)
    marker_row = None
    if marker is not None:
        marker_row = session.scalar(_visible(sa.select(Flavor).where(Flavor.flavorid == marker), project_id))
        if marker_row is None:
            raise exception.BadRequest(f"marker [{marker}] not found")
    column = SORT_KEYS[sort_key]
    sort = [(column, sort_dir)] if column is not None else []
    sort.append((Flavor.id, sort_dir))
    return list(session.scalars(paginate(stmt, sort, marker_row, limit)))


def flavor_update(session: Session, flavor: Flavor, now: dt.datetime, *, description: str | None) -> Flavor:
    """Change a flavor's description (the one field the API may change)."""
    flavor.description = description
    flavor.updated_at = now
    session.flush()
    return flavor


def flavor_delete(session: Session, flavor: Flavor) -> None:
    """Delete a flavor with its extra specs and access list (servers keep snapshots)."""
    session.delete(flavor)
    session.flush()


def flavor_extra_spec_get(flavor: Flavor, key: str) -> str:
    """One extra spec value; a missing key raises ``NotFound``."""
    try:
        return flavor.extra_specs[key]
    except KeyError:
        raise exception.NotFound(
            f"Flavor {flavor.flavorid} has no extra specs with key {key}."
        ) from None


def flavor_extra_specs_update(
    session: Session, flavor: Flavor, specs: Mapping[str, str], now: dt.datetime
) -> dict[str, str]:
    """Add or overwrite extra specs; returns all of them."""
    existing = {item.key: item for item in flavor.extra_spec_items}
    for key, value in specs.items():
        if key in existing:
            existing[key].value = value
        else:
            flavor.extra_spec_items.append(FlavorExtraSpec(key=key, value=value))
    flavor.updated_at = now
    session.flush()
    return flavor.extra_specs


def flavor_extra_spec_delete(session: Session, flavor: Flavor, key: str, now: dt.datetime) -> None:
    """Remove one extra spec; a missing key raises ``NotFound``."""
    flavor_extra_spec_get(flavor, key)
    flavor.extra_spec_items = [item for item in flavor.extra_spec_items if item.key != key]
    flavor.updated_at = now
    session.flush()


def flavor_access_list(flavor: Flavor) -> list[str]:
    """Projects with access to a private flavor; a public one raises ``NotFound``."""
    if flavor.is_public:
        raise exception.NotFound("Access list not available for public flavors.")
    return flavor.projects


def flavor_access_add(session: Session, flavor: Flavor, project_id: str) -> list[str]:
    """Give ``project_id`` access to a private flavor; returns the access list."""
    if flavor.is_public:
        raise exception.Conflict("Can not add access to a public flavor.")
    if project_id in flavor.projects:
        raise exception.Conflict(
            f"Flavor access already exists for flavor {flavor.flavorid} and project "
            f"{project_id} combination."
        )
    flavor.project_items.append(FlavorProject(project_id=project_id))
    session.flush()
    return flavor.projects


def flavor_access_remove(session: Session, flavor: Flavor, project_id: str) -> list[str]:
    """Take access away from ``project_id``; returns the access list."""
    if project_id not in flavor.projects:
        raise exception.NotFound(
            f"Flavor access not found for {flavor.flavorid} / {project_id} combination."
        )
    flavor.project_items = [item for item in flavor.project_items if item.project_id != project_id]
    session.flush()
    return flavor.projects


def seed_default_flavors(session: Session, now: dt.datetime) -> int:
    """Create the m1.* flavors that are missing (by flavorid); returns how many were added."""
    present = set(session.scalars(sa.select(Flavor.flavorid)))
    added = 0
    for flavorid, name, memory_mb, vcpus, root_gb in DEFAULT_FLAVORS:
        if flavorid not in present:
            flavor_create(session, now, flavorid=flavorid, name=name, memory_mb=memory_mb,
                          vcpus=vcpus, root_gb=root_gb)
            added += 1
    return added


def _has_access(project_id: str) -> sa.ColumnElement[bool]:
    return Flavor.project_items.any(FlavorProject.project_id == project_id)


def _visible(stmt: sa.Select[Any], project_id: str | None) -> sa.Select[Any]:
    if project_id is None:
        return stmt
    return stmt.where(sa.or_(Flavor.is_public == sa.true(), _has_access(project_id)))

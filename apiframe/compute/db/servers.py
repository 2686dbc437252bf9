"""Data access for servers, their metadata and tags.

Every read settles pending driver tasks that are due (``driver.settle``), so what a
client sees is the state the fake hypervisor would have reached by ``now``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
import string
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.orm import Session

from apiframe import exception
from apiframe.compute import driver
from apiframe.compute.db.models import Server, ServerMetadata, ServerTag
from apiframe.compute.db.pagination import paginate, sort_params
from apiframe.compute.db.quotas import check_metadata_quota
from apiframe.schemas import servers as schemas

#: Server columns whose name differs from the sort key naming them.
_SORT_COLUMN_NAMES = {"auto_disk_config": "disk_config", "display_description": "description",
                      "display_name": "name", "instance_type_id": "flavorid", "uuid": "id"}
#: Sort keys for fields this API does not keep: every server has the same (no) value, so
#: sorting by them orders nothing and they are skipped.
_UNKEPT_SORT_KEYS = frozenset({"kernel_id", "ramdisk_id", "root_device_name"})

#: The column each sort key of the API (``apiframe.schemas.servers.SORT_KEYS``) orders by.
SORT_KEYS = {key: None if key in _UNKEPT_SORT_KEYS else getattr(Server, _SORT_COLUMN_NAMES.get(key, key))
             for key in schemas.SORT_KEYS}

#: Columns ``server_update`` may change; state and flavor change only through the driver.
UPDATABLE = frozenset({
    "name", "description", "hostname", "image_ref", "key_name", "key_data", "locked",
    "locked_by", "locked_reason", "access_ip_v4", "access_ip_v6", "availability_zone",
    "config_drive", "user_data", "disk_config", "progress", "addresses", "security_groups",
    "pinned_availability_zone",
})


@dataclasses.dataclass(frozen=True)
class ServerFilters:
    """Filters of the server list; None or empty means "do not filter on this".

    ``name`` is a regular expression searched in the name. ``status`` holds API statuses
    (ACTIVE, SHUTOFF, ...); unknown ones match nothing. ``deleted=None`` lists live
    servers, plus deleted ones when ``changes_since``/``changes_before`` or the DELETED
    status is asked for (as Nova does); True/False force only deleted/only live ones.
    """

    name: str | None = None
    status: Sequence[str] = ()
    image: str | None = None
    flavor: str | None = None
    user_id: str | None = None
    host: str | None = None
    node: str | None = None
    availability_zone: str | None = None
    reservation_id: str | None = None
    locked: bool | None = None
    changes_since: dt.datetime | None = None
    changes_before: dt.datetime | None = None
    tags: Sequence[str] = ()
    tags_any: Sequence[str] = ()
    not_tags: Sequence[str] = ()
    not_tags_any: Sequence[str] = ()
    deleted: bool | None = None
    ip: str | None = None
    ip6: str | None = None


def server_create(
    session: Session,
    now: dt.datetime,
    *,
    project_id: str,
    user_id: str,
    name: str,
    flavor: Mapping[str, Any],
    metadata: Mapping[str, str] | None = None,
    tags: Iterable[str] = (),
    **fields: Any,
) -> Server:
    """Insert a server in BUILD; call ``FakeDriver.spawn`` on it next.

    ``flavor`` is a snapshot (``flavor_snapshot``). ``fields`` are further columns
    (image_ref, key_name, user_data, access_ip_v4, ...). ``hostname`` defaults to one
    derived from the name, ``reservation_id`` to a new ``r-xxxxxxxx``.
    """
    server_id = fields.pop("id", None) or str(uuid.uuid4())
    fields.setdefault("hostname", hostname_from_name(name, server_id))
    fields.setdefault("reservation_id", new_reservation_id())
    fields.setdefault("security_groups", [{"name": "default"}])
    server = Server(
        id=server_id, project_id=project_id, user_id=user_id, name=name,
        created_at=now, updated_at=now, **fields,
    )
    server.apply_flavor(dict(flavor))
    server.metadata_items = [ServerMetadata(key=k, value=v) for k, v in (metadata or {}).items()]
    server.tag_items = [ServerTag(tag=tag) for tag in sorted(set(tags))]
    session.add(server)
    session.flush()
    return server


def server_get(
    session: Session,
    server_id: str,
    now: dt.datetime,
    *,
    project_id: str | None = None,
    lock: bool = False,
) -> Server:
    """A live server, settled at ``now``; ``project_id=None`` looks in every project.

    ``lock=True`` holds the row until commit (``SELECT ... FOR UPDATE``), for actions
    that must not interleave with another worker's action on the same server.
    """
    stmt = sa.select(Server).where(Server.id == server_id, Server.deleted == sa.false())
    if project_id is not None:
        stmt = stmt.where(Server.project_id == project_id)
    if lock:
        stmt = stmt.with_for_update()
    server = session.scalar(stmt)
    if server is None:
        raise exception.NotFound(f"Instance {server_id} could not be found.")
    driver.settle(server, now)
    return server


def server_list(
    session: Session,
    now: dt.datetime,
    *,
    project_id: str | None = None,
    filters: ServerFilters = ServerFilters(),
    sort_keys: Sequence[str] = (),
    sort_dirs: Sequence[str] = (),
    limit: int | None = None,
    marker: str | None = None,
) -> list[Server]:
    """One page of servers, settled at ``now``.

    ``sort_keys`` are the API's (:data:`SORT_KEYS`); the ones the API accepts and ignores
    are the caller's to drop. Sorting follows Nova: ``created_at`` then ``uuid`` are
    appended when not asked for,
    in the first direction given (default ``desc``). ``marker`` is the id of the last
    server of the previous page; an unknown one raises ``BadRequest``. An invalid
    ``name`` regular expression raises ``BadRequest``.
    """
    settle_due(session, now, project_id)
    stmt = sa.select(Server)
    if project_id is not None:
        stmt = stmt.where(Server.project_id == project_id)
    stmt = stmt.where(*_conditions(filters))
    marker_row = _marker(session, marker, project_id)
    sort = []
    for key, direction in sort_params(sort_keys, sort_dirs, ("created_at", "uuid"), "desc"):
        column = _sort_column(key)
        if column is not None:
            sort.append((column, direction))
    address_filters = _address_filters(filters)
    try:
        if not address_filters:
            return list(session.scalars(paginate(stmt, sort, marker_row, limit)))
        # Addresses live in a JSON column: match them here, after the marker, before the limit.
        rows = [server for server in session.scalars(paginate(stmt, sort, marker_row, None))
                if all(_has_address(server, pattern, version) for pattern, version in address_filters)]
        return rows if limit is None else rows[:limit]
    except exc.DBAPIError as error:
        # A pattern Python accepts may still be one the database's regex dialect rejects.
        if filters.name is None or error.connection_invalidated:
            raise
        raise exception.BadRequest(f"Invalid regular expression for name: {filters.name}") from None


def _address_filters(filters: ServerFilters) -> list[tuple[re.Pattern[str], int]]:
    """The compiled ``ip`` (IPv4) and ``ip6`` (IPv6) regular expressions that were asked for."""
    compiled = []
    for pattern, version in ((filters.ip, 4), (filters.ip6, 6)):
        if pattern is not None:
            try:
                compiled.append((re.compile(pattern), version))
            except re.error as error:
                raise exception.BadRequest(f"Invalid regular expression for ip: {error}") from None
    return compiled


def _has_address(server: Server, pattern: re.Pattern[str], version: int) -> bool:
    return any(pattern.search(address.get("addr", "")) for addresses in (server.addresses or {}).values()
               for address in addresses if address.get("version") == version)


def settle_due(session: Session, now: dt.datetime, project_id: str | None = None) -> int:
    """Settle every live server whose pending task is due; returns how many changed."""
    stmt = sa.select(Server).where(Server.task_due_at <= now, Server.deleted == sa.false())
    if project_id is not None:
        stmt = stmt.where(Server.project_id == project_id)
    changed = sum(driver.settle(server, now) for server in session.scalars(stmt))
    session.flush()
    return changed


def server_update(session: Session, server: Server, now: dt.datetime, **values: Any) -> Server:
    """Change updatable columns (``UPDATABLE``) and touch ``updated_at``."""
    unknown = set(values) - UPDATABLE
    if unknown:
        raise TypeError(f"server_update cannot change {', '.join(sorted(unknown))}")
    for key, value in values.items():
        setattr(server, key, value)
    server.updated_at = now
    session.flush()
    return server


def server_metadata_get(server: Server, key: str) -> str:
    """One metadata value; a missing key raises ``NotFound``."""
    try:
        return server.metadata_dict[key]
    except KeyError:
        raise exception.NotFound("Metadata item was not found") from None


def server_metadata_update(
    session: Session,
    server: Server,
    items: Mapping[str, str],
    now: dt.datetime,
    *,
    replace: bool = False,
    max_items: int = -1,
) -> dict[str, str]:
    """Merge ``items`` into the metadata (or make them all of it, ``replace=True``).

    Raises ``OverQuota`` when the result would hold more than ``max_items`` (-1: no
    limit). Returns the new metadata.
    """
    wanted = dict(items) if replace else {**server.metadata_dict, **items}
    check_metadata_quota(len(wanted), max_items)
    existing = {item.key: item for item in server.metadata_items}
    # Keys that stay are updated in place: deleting and re-inserting one key in a single
    # flush would hit the unique constraint (inserts run before deletes).
    for key, item in existing.items():
        if key in wanted:
            item.value = wanted[key]
    kept = [item for item in server.metadata_items if item.key in wanted]
    server.metadata_items = kept + [
        ServerMetadata(key=key, value=value) for key, value in wanted.items() if key not in existing
    ]
    server.updated_at = now
    session.flush()
    return server.metadata_dict


def server_metadata_delete(session: Session, server: Server, key: str, now: dt.datetime) -> None:
    """Remove one metadata item; a missing key raises ``NotFound``."""
    server_metadata_get(server, key)
    server.metadata_items = [item for item in server.metadata_items if item.key != key]
    server.updated_at = now
    session.flush()


def server_tags_replace(session: Session, server: Server, tags: Iterable[str], now: dt.datetime) -> list[str]:
    """Make ``tags`` the server's tags; returns them sorted."""
    wanted = set(tags)
    kept = [item for item in server.tag_items if item.tag in wanted]
    known = {item.tag for item in kept}
    server.tag_items = kept + [ServerTag(tag=tag) for tag in sorted(wanted - known)]
    server.updated_at = now
    session.flush()
    return server.tag_names


def server_tag_add(session: Session, server: Server, tag: str, now: dt.datetime) -> None:
    """Add one tag (adding a tag the server has changes nothing)."""
    if tag not in server.tag_names:
        server.tag_items.append(ServerTag(tag=tag))
        server.updated_at = now
        session.flush()


def server_tag_delete(session: Session, server: Server, tag: str, now: dt.datetime) -> None:
    """Remove one tag; a missing tag raises ``NotFound``."""
    if tag not in server.tag_names:
        raise exception.NotFound(f"Tag {tag} could not be found.")
    server.tag_items = [item for item in server.tag_items if item.tag != tag]
    server.updated_at = now
    session.flush()


def hostname_from_name(name: str, server_id: str) -> str:
    """A DNS label from a server name (Nova's rules): lower case, ``[a-z0-9.-]``, ≤ 63."""
    hostname = re.sub(r"[ _]", "-", name.lower())
    hostname = re.sub(r"[^a-z0-9.-]", "", hostname).strip(".-")[:63]
    return hostname or f"server-{server_id}"


def new_reservation_id() -> str:
    """A reservation id like Nova's: ``r-`` and eight random lower-case letters or digits."""
    alphabet = string.ascii_lowercase + string.digits
    return "r-" + "".join(secrets.choice(alphabet) for _ in range(8))


def _sort_column(key: str) -> Any:
    if key not in SORT_KEYS:
        raise exception.BadRequest("Sort key supplied was not valid.")
    return SORT_KEYS[key]


def _marker(session: Session, marker: str | None, project_id: str | None) -> Server | None:
    if marker is None:
        return None
    stmt = sa.select(Server).where(Server.id == marker)
    if project_id is not None:
        stmt = stmt.where(Server.project_id == project_id)
    row = session.scalar(stmt)
    if row is None:
        raise exception.BadRequest(f"marker [{marker}] not found")
    return row


def _conditions(filters: ServerFilters) -> list[sa.ColumnElement[bool]]:
    conditions = []
    equal = {
        Server.image_ref: filters.image,
        Server.flavorid: filters.flavor,
        Server.user_id: filters.user_id,
        Server.host: filters.host,
        Server.node: filters.node,
        Server.availability_zone: filters.availability_zone,
        Server.reservation_id: filters.reservation_id,
        Server.locked: filters.locked,
    }
    conditions += [column == value for column, value in equal.items() if value is not None]
    if filters.name is not None:
        try:
            re.compile(filters.name)
        except re.error as error:
            raise exception.BadRequest(f"Invalid regular expression for name: {error}") from None
        conditions.append(Server.name.regexp_match(filters.name))
    if filters.changes_since is not None:
        conditions.append(Server.updated_at >= filters.changes_since)
    if filters.changes_before is not None:
        conditions.append(Server.updated_at <= filters.changes_before)
    if filters.status:
        conditions.append(_status_condition(filters.status))
    conditions += _tag_conditions(filters)
    deleted = filters.deleted
    if deleted is None:
        wants_deleted = "DELETED" in {status.upper() for status in filters.status}
        if not (wants_deleted or filters.changes_since or filters.changes_before):
            deleted = False
    if deleted is not None:
        conditions.append(Server.deleted == deleted)
    return conditions


def _status_condition(statuses: Sequence[str]) -> sa.ColumnElement[bool]:
    """SQL for "the server's status is one of these", exact for every state pair."""
    wanted = {status.upper() for status in statuses}
    alternatives = []
    for vm_state, task_map in driver.STATE_MAP.items():
        named = {task for task in task_map if task != driver.DEFAULT}
        matching = sorted(task for task in named if task_map[task] in wanted)
        if matching:
            alternatives.append(sa.and_(Server.vm_state == vm_state, Server.task_state.in_(matching)))
        if task_map[driver.DEFAULT] in wanted:
            other_task = sa.or_(Server.task_state.is_(None), Server.task_state.not_in(sorted(named)))
            alternatives.append(sa.and_(Server.vm_state == vm_state, other_task))
    return sa.or_(sa.false(), *alternatives)


def _tag_conditions(filters: ServerFilters) -> list[sa.ColumnElement[bool]]:
    def has(tags: Sequence[str]) -> sa.Exists:
        return sa.exists().where(ServerTag.server_id == Server.id, ServerTag.tag.in_(tags))

    conditions = []
    if filters.tags:
        conditions.append(sa.and_(*(has([tag]) for tag in filters.tags)))
    if filters.tags_any:
        conditions.append(has(filters.tags_any))
    if filters.not_tags:
        conditions.append(sa.not_(sa.and_(*(has([tag]) for tag in filters.not_tags))))
    if filters.not_tags_any:
        conditions.append(~has(filters.not_tags_any))
    return conditions

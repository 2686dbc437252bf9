"""Quota limits, usage counts and checks that stay correct with concurrent workers.

A check counts usage and compares it with the limit inside the caller's transaction,
after taking a lock that every other check of the same scope also takes; the caller then
creates its rows and commits, which releases the lock. So two workers cannot both see
"9 of 10 used" and both create the tenth server.

- PostgreSQL, MariaDB: ``SELECT ... FOR UPDATE`` on the scope's ``quota_locks`` row.
- SQLite: every transaction already starts with ``BEGIN IMMEDIATE`` (see ``engine``).

Limits are plain ints; -1 means unlimited. Defaults come from configuration; per-project
overrides live in the ``quotas`` table.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql
from sqlalchemy.orm import Session

from apiframe import exception
from apiframe.compute.db.models import KeyPair, Quota, QuotaLock, Server

UNLIMITED = -1


def quota_limits(session: Session, project_id: str, defaults: Mapping[str, int]) -> dict[str, int]:
    """The project's limits: ``defaults`` with its overrides applied."""
    limits = dict(defaults)
    rows = session.scalars(sa.select(Quota).where(Quota.project_id == project_id))
    limits.update({row.resource: row.hard_limit for row in rows})
    return limits


def quota_set(session: Session, project_id: str, resource: str, hard_limit: int) -> None:
    """Override one limit of a project."""
    row = session.scalar(
        sa.select(Quota).where(Quota.project_id == project_id, Quota.resource == resource)
    )
    if row is None:
        session.add(Quota(project_id=project_id, resource=resource, hard_limit=hard_limit))
    else:
        row.hard_limit = hard_limit
    session.flush()


def quota_usage(session: Session, project_id: str) -> dict[str, int]:
    """What the project's live servers use: ``instances``, ``cores`` and ``ram`` (MB)."""
    instances, cores, ram = session.execute(
        sa.select(
            sa.func.count(Server.id),
            sa.func.coalesce(sa.func.sum(Server.vcpus), 0),
            sa.func.coalesce(sa.func.sum(Server.memory_mb), 0),
        ).where(Server.project_id == project_id, Server.deleted == sa.false())
    ).one()
    return {"instances": int(instances), "cores": int(cores), "ram": int(ram)}


def keypair_count(session: Session, user_id: str) -> int:
    """How many key pairs the user has."""
    return session.scalar(sa.select(sa.func.count(KeyPair.id)).where(KeyPair.user_id == user_id)) or 0


def check_quota(
    session: Session, project_id: str, deltas: Mapping[str, int], limits: Mapping[str, int]
) -> None:
    """Raise ``OverQuota`` unless the project can use ``deltas`` more of each resource.

    ``deltas`` maps ``instances``/``cores``/``ram`` to the amount asked for (a resize
    passes the difference); resources without a limit are not checked. The message is
    Nova's: "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances".
    """
    lock_scope(session, f"project:{project_id}")
    usage = quota_usage(session, project_id)
    overs = sorted(
        resource
        for resource, delta in deltas.items()
        if delta > 0 and _over(usage[resource] + delta, limits.get(resource, UNLIMITED))
    )
    if overs:
        def joined(values) -> str:
            return ", ".join(str(value) for value in values)

        raise exception.OverQuota(
            f"Quota exceeded for {joined(overs)}: Requested {joined(deltas[r] for r in overs)}, "
            f"but already used {joined(usage[r] for r in overs)} of "
            f"{joined(limits[r] for r in overs)} {joined(overs)}"
        )


def check_keypair_quota(session: Session, user_id: str, limit: int) -> None:
    """Raise ``OverQuota`` unless the user may have one more key pair."""
    lock_scope(session, f"user:{user_id}")
    if _over(keypair_count(session, user_id) + 1, limit):
        raise exception.OverQuota("Quota exceeded, too many key pairs.")


def check_metadata_quota(count: int, limit: int) -> None:
    """Raise ``OverQuota`` if a server would have ``count`` metadata items over ``limit``."""
    if _over(count, limit):
        raise exception.OverQuota(f"Maximum number of metadata items exceeds {limit}")


def lock_scope(session: Session, scope: str) -> None:
    """Serialize this transaction with every other one that locks ``scope``, until commit."""
    backend = session.get_bind().dialect.name
    if backend == "sqlite":
        return
    locked = sa.select(QuotaLock.scope).where(QuotaLock.scope == scope).with_for_update()
    if session.scalar(locked) is None:
        _create_lock_row(session, scope, backend)
        session.scalar(locked)


def _create_lock_row(session: Session, scope: str, backend: str) -> None:
    # A separate, immediately committed transaction: inserting inside the caller's would
    # make concurrent first-time inserters deadlock on MariaDB (shared locks upgraded).
    if backend == "postgresql":
        insert = postgresql.insert(QuotaLock).values(scope=scope).on_conflict_do_nothing()
    else:
        insert = mysql.insert(QuotaLock).values(scope=scope).prefix_with("IGNORE")
    with session.get_bind().engine.begin() as connection:
        connection.execute(insert)


def _over(amount: int, limit: int) -> bool:
    return limit != UNLIMITED and amount > limit

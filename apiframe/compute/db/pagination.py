"""Keyset pagination: a stable multi-key sort that continues after a marker row.

NULL sorts as the smallest value on every backend (PostgreSQL alone would put it last),
so one ordering and one marker condition serve SQLite, PostgreSQL and MariaDB alike.
The last sort key must be unique (callers append the primary key).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute

from apiframe import exception

SortKey = tuple[InstrumentedAttribute[Any], str]


def sort_params(
    keys: Sequence[str], dirs: Sequence[str], default_keys: Sequence[str], default_dir: str
) -> list[tuple[str, str]]:
    """Pair sort keys with directions the way Nova does.

    Missing directions repeat the first one given (or ``default_dir``); more directions
    than keys is an error; each of ``default_keys`` not asked for is appended.
    """
    for direction in dirs:
        if direction not in ("asc", "desc"):
            raise exception.BadRequest(
                "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'"
            )
    if len(dirs) > max(len(keys), 1):
        raise exception.BadRequest("Invalid input received: Sort direction size exceeds sort key size")
    fill = dirs[0] if dirs else default_dir
    pairs = [(key, dirs[i] if i < len(dirs) else fill) for i, key in enumerate(keys)]
    pairs += [(key, fill) for key in default_keys if key not in keys]
    return pairs


def paginate(
    stmt: sa.Select[Any], sort: Sequence[SortKey], marker: object | None, limit: int | None
) -> sa.Select[Any]:
    """Order ``stmt`` by ``sort``, keep only rows after ``marker`` (an ORM row), limit it."""
    keys = list(_expand(sort, marker))
    stmt = stmt.order_by(*(expr.asc() if direction == "asc" else expr.desc() for expr, direction, _ in keys))
    if marker is not None:
        stmt = stmt.where(_after(keys))
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


def _expand(sort: Sequence[SortKey], marker: object | None):
    """Yield (expression, direction, marker value), with a NULL flag before nullable keys."""
    for attribute, direction in sort:
        value = getattr(marker, attribute.key) if marker is not None else None
        if attribute.property.columns[0].nullable:
            yield sa.case((attribute.is_(None), 0), else_=1), direction, int(value is not None)
        yield attribute, direction, value


def _after(keys: list[tuple[Any, str, Any]]) -> sa.ColumnElement[bool]:
    clauses = []
    for i, (expr, direction, value) in enumerate(keys):
        if value is None:
            # Rows tied on every earlier key are NULL here too: none comes after.
            continue
        ties = [prior.is_(None) if v is None else prior == _bound(prior, v) for prior, _, v in keys[:i]]
        step = expr > _bound(expr, value) if direction == "asc" else expr < _bound(expr, value)
        clauses.append(sa.and_(*ties, step))
    return sa.or_(*clauses)


def _bound(expr: Any, value: Any) -> sa.BindParameter[Any]:
    # An explicit bind: SQLAlchemy refuses ``column > True`` written as a literal.
    return sa.literal(value, type_=expr.type)

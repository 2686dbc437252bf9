"""Helpers every compute controller uses: query values, pagination, transactions."""

from __future__ import annotations

from typing import Any

from apiframe import exception
from apiframe.integers import SQL_INT_MAX, clamped_int
from apiframe.wsgi import Request


def query_value(req: Request, name: str, default: Any = None) -> Any:
    """The last value of query parameter ``name`` (validated), or ``default``."""
    values = getattr(req, "query", {}).get(name)
    return values[-1] if values else default


def pagination(req: Request, max_limit: int) -> tuple[int, str | None]:
    """``(limit, marker)`` of a list request; ``limit`` is capped at ``max_limit``."""
    limit = query_value(req, "limit")
    try:
        limit = max_limit if limit is None else clamped_int(limit, -1, max_limit)
    except ValueError:
        raise exception.BadRequest("limit param must be an integer") from None
    if limit < 0:
        raise exception.BadRequest("limit param must be positive")
    return limit, query_value(req, "marker")


def stored_int(value: str | float) -> int:
    """A validated non-negative integer of a request, as a 32-bit column holds it.

    Any length is read; a number beyond the column saturates at its maximum. Raises
    ``ValueError`` when ``value`` spells no integer.
    """
    return clamped_int(value, 0, SQL_INT_MAX)


def is_true(value: Any) -> bool:
    """Read one of the boolean spellings the API accepts ('true', '1', 'yes', 'on', ...)."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "t", "true", "on", "y", "yes"}

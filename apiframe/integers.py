"""Integers that clients spell as text, read safely at any length.

``int()`` refuses text of more than 4,300 digits (Python's guard against its quadratic
cost), so ``int(client_text)`` turns a long number into a 500, and a number that does fit
may still overflow a database column. Every integer read from a header, a query string
or a body goes through :func:`clamped_int` instead: the caller says which range it can
use and a number beyond it, of any length, saturates at the nearest bound.
"""

from __future__ import annotations

SQL_INT_MAX = 0x7FFFFFFF
"""The largest value of a 32-bit signed SQL ``INTEGER`` column."""


def clamped_int(value: str | float, low: int, high: int) -> int:
    """The integer ``value`` spells (as ``int()`` reads it), clamped to ``[low, high]``.

    Raises ``ValueError`` when ``value`` spells no integer. A decimal number with more
    digits than the bounds have is beyond them, so it is never converted: that is what
    lets any length through. A JSON number (``1`` or ``1.0``, both integers to
    JSON-Schema) is converted with ``int()``.
    """
    if not isinstance(value, str):
        return min(max(int(value), low), high)
    stripped = value.strip()
    negative = stripped.startswith("-")
    number = stripped[1:] if stripped[:1] in ("-", "+") else stripped
    # isdecimal() accepts exactly the digits int() accepts (any script's); other spellings
    # (underscores, stray signs) are left to int() to read or refuse.
    if not number.isdecimal():
        return min(max(int(value), low), high)
    digits = number.lstrip("0")
    if len(digits) > len(str(max(abs(low), abs(high)))):
        return low if negative else high
    magnitude = int(digits or "0")
    return min(max(-magnitude if negative else magnitude, low), high)

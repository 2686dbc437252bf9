"""Reading integers that clients spell, at any length."""

import pytest

from apiframe.integers import SQL_INT_MAX, clamped_int

LONG = "9" * 5000
"""More digits than int() converts from text (4,300)."""


@pytest.mark.parametrize(("text", "expected"), [
    ("7", 7), (" +0007 ", 7), ("-3", -3), ("0", 0), ("-0", 0), ("000", 0), ("1_0", 10), ("١٢", 12),
    ("0" * 5000 + "5", 5), ("0" * 5000, 0), (7, 7), (7.0, 7),
])
def test_integers_within_bounds_read_exactly(text, expected):
    assert clamped_int(text, -10, 100) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (LONG, 100), ("+" + LONG, 100), ("-" + LONG, -10), ("101", 100), ("-11", -10), (" " + LONG + " ", 100),
    pytest.param(10**5000, 100, id="json-number"),
])
def test_integers_beyond_bounds_saturate_at_any_length(text, expected):
    assert clamped_int(text, -10, 100) == expected


@pytest.mark.parametrize("text", ["", " ", "x", "1.5", "-", "+", "--5", "+-5", LONG + "x", "5" * 4400 + "_"])
def test_text_that_spells_no_integer_is_refused(text):
    with pytest.raises(ValueError):
        clamped_int(text, 0, SQL_INT_MAX)

"""How the app fixture writes option values into its configuration file."""

import pytest

from apiframe.testing.fixture import _config_value


@pytest.mark.parametrize(("value", "text"), [
    (True, "true"), (False, "false"), (3, "3"), (0.5, "0.5"), ("a b", "a b"),
    (["x", "y"], "x,y"), (("x",), "x"), ({"k": 1, "j": "v"}, "k:1,j:v"),
])
def test_values(value, text):
    assert _config_value(value) == text

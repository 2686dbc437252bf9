"""Data declarations: one set per name, whoever declares it."""

import pytest

from apiframe.data import Data, collect_data
from apiframe.exception import StartupError


def data(name, newest="1"):
    return Data(name=name, sync=print, revision=lambda url: None, newest=lambda: newest)


def test_each_set_is_kept_once_in_order_and_none_declares_nothing():
    shared, own = data("shared"), data("own")
    assert collect_data([None, shared, own, shared, None]) == [shared, own]
    assert collect_data([None, None]) == []


def test_two_different_sets_under_one_name_are_refused():
    with pytest.raises(StartupError, match="two different data sets are both named 'shared'"):
        collect_data([data("shared"), data("shared")])

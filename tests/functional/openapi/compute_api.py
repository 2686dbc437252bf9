"""The compute API's plugins, as the apiframe distribution registers them."""

import importlib.metadata

import pytest

from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.extensions import NAMESPACE


def compute_plugins():
    """The entry point names of the plugins apiframe itself registers: the compute API."""
    return sorted(ep.name for ep in importlib.metadata.entry_points(group=NAMESPACE)
                  if ep.value.startswith("apiframe."))


def compute_plugins_or_skip():
    """:func:`compute_plugins`, skipping the test where apiframe is not installed."""
    names = compute_plugins()
    if not names:
        pytest.skip("the compute API's plugins are not registered (pip install -e . first)")
    return names


def build_compute_api():
    """The compute API with default options, as ``apiframe-api version-history`` builds it."""
    conf = make_conf()
    conf.set_override("enabled_plugins", compute_plugins_or_skip(), group="api")
    return build_api(conf)

"""The compute API as ``apiframe-api version-history`` builds it, with the compute plugins alone."""

from apiframe.app import build_api
from apiframe.compute import plugin_names
from apiframe.conf import make_conf


def build_compute_api():
    """The compute API with default options."""
    conf = make_conf()
    conf.set_override("enabled_plugins", plugin_names(), group="api")
    return build_api(conf)

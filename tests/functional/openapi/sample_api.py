"""The sample plugins assembled with a 2.1-2.10 history, as the functional OpenAPI tests use them."""

from apiframe.api_version import VersionHistory
from apiframe.app import build_api, wrap
from apiframe.conf import make_conf

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                         {f"2.{n}": f"version {n}" for n in range(1, 11)})
PLUGINS = ["widgets", "widget-colors", "gadgets"]


def sample_conf(**auth):
    """Options for the sample API: strict response validation, and ``auth`` overrides."""
    conf = make_conf()
    conf.set_override("enabled_plugins", PLUGINS, group="api")
    conf.set_override("response_validation", "error", group="api")
    for name, value in auth.items():
        conf.set_override(name, value, group="auth")
    return conf


def sample_api_and_app(**auth):
    """``(API, WSGI application)`` of the sample plugins (the ``sample_plugins`` fixture must be active)."""
    conf = sample_conf(**auth)
    api = build_api(conf, history=HISTORY)
    return api, wrap(api.router, conf)

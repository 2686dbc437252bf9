"""Configuration options (oslo.config), registered on a fresh ``ConfigOpts`` per application.

Nothing here reads a global: :func:`make_conf` returns a new ``ConfigOpts`` with every
option registered, so an application, a test or the CLI each get their own.
``oslo-config-generator --namespace apiframe`` writes the sample from :func:`list_opts`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from oslo_config import cfg

DEFAULT_PORT = 8774
#: The API served when the configuration names none: the reference compute API.
DEFAULT_API = "compute"

api_opts = [
    cfg.StrOpt("name", default=DEFAULT_API,
               help="The API to serve: the name of an API definition an installed distribution "
                    "declares (entry point group apiframe.api_definitions)."),
    cfg.ListOpt("enabled_plugins", default=None,
                help="Entry point names of the plugins to load, in the plugin group of the API "
                     "definition (apiframe.api.v21.extensions for compute). Unset: every "
                     "installed plugin of that group."),
    cfg.BoolOpt("skip_failed_plugins", default=False,
                help="Log and skip a plugin that fails to import instead of refusing to start."),
    cfg.IntOpt("max_limit", default=1000, min=1,
               help="The largest page a collection returns, whatever 'limit' asks for."),
    cfg.StrOpt("response_validation", default="ignore", choices=["error", "warn", "ignore"],
               help="What to do when a response does not match its schema: 'error' answers "
                    "500 (use in tests), 'warn' logs, 'ignore' skips the check."),
    cfg.StrOpt("policy_file", default=None,
               help="YAML file of policy rule overrides; reloaded when it changes."),
    cfg.FloatOpt("policy_reload_interval", default=2.0, min=0,
                 help="Seconds between checks of the policy file for changes."),
]

server_opts = [
    cfg.HostAddressOpt("host", default="127.0.0.1", help="Address to listen on."),
    cfg.PortOpt("port", default=DEFAULT_PORT, help="Port to listen on."),
    cfg.IntOpt("workers", default=1, min=1, help="Worker processes of the WSGI server."),
    cfg.IntOpt("threads", default=4, min=1,
               help="Threads of each worker process: how many requests a process handles at once. "
                    "A client still sending its request holds none."),
    cfg.FloatOpt("client_timeout", default=30.0, min=0.1,
                 help="Seconds a client has to send a whole request, from when it connects or starts "
                      "its next request on a kept-alive connection. Then it is disconnected, with "
                      "a 408 fault if it had sent part of the request."),
    cfg.IntOpt("graceful_timeout", default=30, min=1,
               help="Seconds in-flight requests get to finish on shutdown."),
]

auth_opts = [
    cfg.StrOpt("strategy", default="noauth", choices=["noauth", "http_basic", "keystone"],
               help="How requests are authenticated. 'noauth' trusts X-Auth-Token "
                    "'user:project[:roles]' and is for development and tests only."),
    cfg.StrOpt("htpasswd_file", default=None,
               help="htpasswd file with bcrypt hashes, for the http_basic strategy."),
    cfg.BoolOpt("allow_noauth_on_public_bind", default=False,
                help="Serve with the noauth strategy on a non-loopback address. Never in production."),
]

middleware_opts = [
    cfg.IntOpt("max_request_body_size", default=114688, min=1,
               help="Largest request body accepted, in bytes; larger bodies get 413."),
    cfg.ListOpt("cors_allowed_origins", default=[],
                help="Origins allowed by CORS; empty disables CORS handling."),
    cfg.StrOpt("healthcheck_path", default="/healthcheck",
               help="Path of the unauthenticated health check; empty disables it."),
]

database_opts = [
    cfg.StrOpt("connection", default=None, secret=True,
               help="SQLAlchemy URL of the database the API and its plugins keep their data in "
                    "(unused when they keep none); postgresql:// or mysql:// without a driver "
                    "uses the one apiframe's [postgresql] or [mysql] extra installs. Unset: a "
                    "SQLite file in data_dir."),
    cfg.StrOpt("data_dir", default=None,
               help="Directory for the default SQLite database. Unset: ./data of the "
                    "working directory, or $APIFRAME_DATA_DIR."),
]

GROUPS = {
    "api": api_opts,
    "server": server_opts,
    "auth": auth_opts,
    "middleware": middleware_opts,
    "database": database_opts,
}


def register_group(conf: cfg.ConfigOpts, group: str, opts: Sequence[cfg.Opt]) -> None:
    """Register options on ``conf``; plugins call this for their own groups."""
    conf.register_opts(list(opts), group=group)


def make_conf(args: Sequence[str] = (), config_files: Sequence[str] | None = None,
              extra: dict[str, Sequence[cfg.Opt]] | None = None) -> cfg.ConfigOpts:
    """Return a fresh, parsed ``ConfigOpts`` with apiframe's options registered."""
    conf = cfg.ConfigOpts()
    for group, opts in {**GROUPS, **(extra or {})}.items():
        register_group(conf, group, opts)
    conf(list(args), project="apiframe", default_config_files=list(config_files or []),
         default_config_dirs=[])
    return conf


def data_dir(conf: cfg.ConfigOpts) -> str:
    """Directory of the default SQLite database and other local state."""
    return conf.database.data_dir or os.environ.get("APIFRAME_DATA_DIR") or os.path.abspath("data")


def list_opts() -> list[tuple[str, list[cfg.Opt]]]:
    """Every option, for ``oslo-config-generator`` (entry point ``oslo.config.opts``)."""
    return [(group, list(opts)) for group, opts in GROUPS.items()]

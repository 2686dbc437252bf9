"""``apiframe-api serve``: the API under gunicorn, with N worker processes of M threads.

Start-up binds the listening socket (an address in use stops it at once), runs
:func:`apiframe.cmd.check.find_problems` and refuses to serve if it finds any problem,
then creates and migrates the database (when the API or its plugins keep data), then
starts gunicorn and, once the first worker accepts requests, prints where it listens,
what it loaded and how to call it.
"""

from __future__ import annotations

import argparse
import shlex

from oslo_config import cfg

from apiframe.api_version import STANDARD_HEADER
from apiframe.app import API
from apiframe.cmd.check import NO_DATA, api_summary, find_problems, plugin_list
from apiframe.deploy import load_conf, masked_url, prepare_database, setup_logging
from apiframe.deploy.server import APIServer
from apiframe.exception import StartupError

SERVER_OPTIONS = ("host", "port", "workers", "threads")


def add_parser(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Declare ``serve``, the default command."""
    parser = subparsers.add_parser(
        "serve", parents=[parent], help="serve the API (the default command)",
        description="Serve the API through gunicorn. Options given here override [server] in the "
                    "configuration file. SIGTERM or Ctrl-C stop it gracefully; a second Ctrl-C at once.")
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on, 0 for any free port (default 8774)")
    parser.add_argument("--workers", type=int, help="worker processes (default 1)")
    parser.add_argument("--threads", type=int, help="threads of each worker process (default 4)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve until stopped."""
    conf = load_conf(args.config_files)
    for name in SERVER_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            try:
                conf.set_override(name, value, group="server")
            except ValueError as exc:
                raise StartupError(f"--{name} {value}: {exc}") from exc
    setup_logging()
    server = APIServer(conf)
    server.listen()  # a taken port is reported before the slower checks
    api, problems = find_problems(conf)
    if problems:
        raise StartupError("\n".join(problems))
    assert api is not None
    url = prepare_database(conf, api.data)

    def announce(listeners: list[str]) -> None:
        print(banner(conf, api, listeners, url), flush=True)

    server.on_ready = announce
    server.run()
    return 0


def banner(conf: cfg.ConfigOpts, api: API, listeners: list[str], database: str | None) -> str:
    """What an operator needs after start-up: address, API, plugins, database and a first request."""
    workers, threads = conf.server.workers, conf.server.threads
    lines = [
        f"apiframe API listening on {', '.join(listeners)} ({workers} worker{'s' if workers > 1 else ''}, "
        f"{threads} thread{'s' if threads > 1 else ''} each)",
        f"  API: {api_summary(api.definition)}",
        f"  plugins: {plugin_list(api)}",
        f"  microversions: {api.history.min} to {api.history.max}",
        f"  database: {masked_url(database) if database else NO_DATA}",
        f"  auth: {conf.auth.strategy}",
        f"  try: {example_request(conf, api, listeners[0])}",
    ]
    return "\n".join(lines)


def example_request(conf: cfg.ConfigOpts, api: API, base_url: str) -> str:
    """A curl command listing the first collection served, with credentials for the auth strategy."""
    paths = sorted(info.template for info in api.assembly.operations
                   if info.method == "GET" and "{" not in info.template and info.plugin != "extensions")
    url = f"{base_url}{api.definition.prefix}{paths[0] if paths else '/'}"
    credentials = {
        "noauth": "-H 'X-Auth-Token: admin:admin'",
        "http_basic": "-u USER:PASSWORD",
        "keystone": '-H "X-Auth-Token: $(openstack token issue -f value -c id)"',
    }[conf.auth.strategy]
    version = f"{STANDARD_HEADER}: {api.definition.service_type} {api.history.max}"
    return f"curl {credentials} -H '{version}' {shlex.quote(url)}"

"""``apiframe-api check``: find every problem that would stop the API, without serving.

:func:`find_problems` is also ``serve``'s pre-flight: the server starts only when it
returns none.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator, Sequence
from importlib import metadata

from oslo_config import cfg
from oslo_policy import _parser as policy_parser
from oslo_policy import policy as oslo_policy

from apiframe.app import API, build_api, configured_definition, data_of
from apiframe.conf import list_opts
from apiframe.data import Data
from apiframe.database import check_database_url
from apiframe.definition import APIDefinition
from apiframe.deploy import config_files, database_error, database_exists, database_url, load_conf, masked_url
from apiframe.exception import StartupError
from apiframe.middleware.auth import build_auth_middleware, check_noauth_bind

OPTS_NAMESPACE = "oslo.config.opts"
#: How the database is described when the API and its plugins keep no data.
NO_DATA = "none (the API and its plugins keep no data)"

LOG = logging.getLogger(__name__)


def add_parser(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Declare ``check``."""
    parser = subparsers.add_parser(
        "check", parents=[parent], help="check configuration, plugins, schemas and policy without serving",
        description="Load the configuration, plugins, schemas and policy as serve would and report "
                    "every problem found; exit status 1 if there is any.")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the problems found, or a summary of what would be served."""
    conf = load_conf(args.config_files)
    api, problems = find_problems(conf)
    database, database_problem = database_status(conf, api.data if api is not None else _definition_data(conf))
    if database_problem:
        problems.append(database_problem)
    for problem in problems:
        print(f"error: {problem}")
    if problems:
        print(f"{len(problems)} problem(s) found")
        return 1
    assert api is not None
    print(f"configuration: {', '.join(config_files(args.config_files)) or 'built-in defaults'}")
    print(f"API: {api_summary(api.definition)}")
    print(f"plugins: {plugin_list(api)}")
    print(f"operations: {len(api.assembly.operations)}, microversions {api.history.min}-{api.history.max}")
    print(f"policy: {len(api.policy.rules)} rules, overrides from {conf.api.policy_file or 'nowhere'}")
    print(f"auth: {conf.auth.strategy}")
    print(f"database: {database}")
    print("OK")
    return 0


def find_problems(conf: cfg.ConfigOpts) -> tuple[API | None, list[str]]:
    """Build the API as ``serve`` would; return it (None if it cannot be built) and every problem."""
    problems = option_problems(conf)
    if problems:
        return None, problems  # everything below reads those options
    problems += auth_problems(conf)
    if conf.api.policy_file:
        problems += policy_file_problems(conf.api.policy_file)
    try:
        api = build_api(conf)
    except StartupError as exc:
        LOG.debug("cannot build the API:", exc_info=True)
        return None, [*problems, str(exc)]
    return api, problems


def option_problems(conf: cfg.ConfigOpts) -> list[str]:
    """Options whose configured value is invalid (oslo.config checks a value only when it is read).

    Covers every option published for ``oslo-config-generator`` (``oslo.config.opts``) by
    the framework and the API served (see :func:`published_options`), registering the
    ones plugins would only register on first use.
    """
    problems = []
    try:
        definition: APIDefinition | None = configured_definition(conf)
    except StartupError as exc:
        definition = None
        problems.append(str(exc))
    for group, opts in published_options(definition):
        conf.register_opts(opts, group=group)
        for opt in opts:
            try:
                getattr(conf[group], opt.dest)
            except (cfg.Error, ValueError) as exc:
                problems.append(f"[{group}] {opt.dest}: {exc}")
    return problems


def published_options(definition: APIDefinition | None) -> list[tuple[str, list[cfg.Opt]]]:
    """The ``(group, options)`` lists of the ``oslo.config.opts`` entry points of the API served.

    Those are ``apiframe`` (the framework), ``apiframe.<API name>`` and
    ``apiframe.<plugin>`` for each plugin installed in the API's plugin group; the options
    of other APIs are neither imported nor checked.
    """
    names = {"apiframe"}
    if definition is not None:
        names.add(f"apiframe.{definition.name}")
        names.update(f"apiframe.{plugin.name}" for plugin in metadata.entry_points(group=definition.plugin_group))
    found = []
    for entry_point in sorted(metadata.entry_points(group=OPTS_NAMESPACE), key=lambda ep: ep.name):
        if entry_point.name in names:
            found += entry_point.load()()
    return found or list_opts()


def auth_problems(conf: cfg.ConfigOpts) -> list[str]:
    """Whether the ``[auth]`` strategy can be set up, and ``noauth`` only on a loopback address."""
    problems = []
    try:
        build_auth_middleware(conf.auth.strategy, _no_app, htpasswd_file=conf.auth.htpasswd_file)
        if conf.auth.strategy == "noauth":
            check_noauth_bind(conf.server.host, conf.auth.allow_noauth_on_public_bind)
    except StartupError as exc:
        problems.append(str(exc))
    return problems


def policy_file_problems(path: str) -> list[str]:
    """Rules of the overrides file that oslo.policy cannot parse.

    oslo.policy logs such a rule and treats it as "deny"; here it is an error. A missing
    file (allowed: it may appear later) and YAML errors (``build_api`` reports them) are
    left alone.
    """
    try:
        with open(path, encoding="utf-8") as policy_file:
            rules = oslo_policy.parse_file_contents(policy_file.read())
    except (OSError, ValueError):
        return []
    if not isinstance(rules, dict):
        return []
    problems = []
    for name, check in rules.items():
        if not isinstance(check, str):
            problems.append(f"policy file {path}: rule {name!r}: the check must be a string, not {check!r}")
            continue
        with _parser_errors() as errors:
            policy_parser.parse_rule(check)
        if errors:
            problems.append(f"policy file {path}: rule {name!r}: cannot parse {check!r} ({errors[0]})")
    return problems


@contextlib.contextmanager
def _parser_errors() -> Iterator[list[str]]:
    # oslo.policy's parser does not raise on a bad rule: it logs and returns a "deny" check.
    logger = logging.getLogger(policy_parser.__name__)
    handler = _Collector(logging.ERROR)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def database_status(conf: cfg.ConfigOpts, data: Sequence[Data]) -> tuple[str, str | None]:
    """A line describing the database and the revision of each data set, and a problem if it is
    unreachable. Without data the database is not looked at."""
    if not data:
        return NO_DATA, None
    import sqlalchemy as sa

    url = database_url(conf)
    try:
        check_database_url(url)
    except StartupError as exc:
        LOG.debug("cannot use the database:", exc_info=True)
        return url, str(exc)
    shown = masked_url(url)
    if not database_exists(url):
        return f"{shown} (not created yet; serve or 'apiframe-manage db sync' creates it)", None
    states = []
    for data_set in data:
        try:
            current = data_set.revision(url)
        except sa.exc.SQLAlchemyError as exc:
            return shown, str(database_error(url, "connect", exc))
        newest = data_set.newest()
        named = f"{data_set.name} " if len(data) > 1 else ""
        if current == newest:
            states.append(f"{named}schema revision {current}, the newest")
        else:
            states.append(f"{named}schema revision {current}, newest {newest}: run 'apiframe-manage db sync'")
    return f"{shown} ({'; '.join(states)})", None


def _definition_data(conf: cfg.ConfigOpts) -> list[Data]:
    """The data of the configured API alone, when its plugins could not be loaded."""
    try:
        return data_of(configured_definition(conf), [])
    except StartupError:
        return []


def api_summary(definition: APIDefinition) -> str:
    """The API served, for start-up output: ``compute (compute) under /v2.1``."""
    return f"{definition.name} ({definition.service_type}) under {definition.prefix or '/'}"


def plugin_list(api: API) -> str:
    """The loaded plugins as ``alias (vN), ...``, for start-up output."""
    return ", ".join(f"{plugin.alias} (v{plugin.version})" for plugin in api.plugins) or "none"


def _no_app(environ: dict, start_response: object) -> list[bytes]:
    return []

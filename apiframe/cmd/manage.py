"""``apiframe-manage``: administration of the database the API and its plugins keep data in.

``apiframe-manage db sync`` brings every data set of the configured API and its enabled
plugins to the newest revision (creating the default SQLite file and its directory);
``apiframe-manage db version`` prints the revision each is at (just the revision when
there is one set, ``<name> <revision>`` lines otherwise). Both read the same
configuration as ``apiframe-api``; an API whose plugins keep no data has nothing to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from apiframe.cmd.check import NO_DATA
from apiframe.cmd.common import add_debug_option, config_parser, run_command
from apiframe.data import Data
from apiframe.database import check_database_url
from apiframe.deploy import (
    configured_data,
    database_error,
    database_exists,
    database_url,
    load_conf,
    masked_url,
    prepare_database,
)

PROG = "apiframe-manage"


def build_parser() -> argparse.ArgumentParser:
    """``apiframe-manage db sync|version``."""
    parser = argparse.ArgumentParser(prog=PROG, description="Administer the apiframe database.")
    add_debug_option(parser)
    categories = parser.add_subparsers(dest="category", metavar="CATEGORY", required=True)
    db = categories.add_parser("db", help="the database schema of the API and its plugins")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    parent = config_parser()
    actions.add_parser("sync", parents=[parent], help="migrate the schema to the newest revision",
                       description="Create the database schema, or migrate it to the newest revision."
                       ).set_defaults(run=db_sync)
    actions.add_parser("version", parents=[parent], help="print the schema revision",
                       description="Print the revision the database schema is at ('None' if it has "
                                   "none yet).").set_defaults(run=db_version)
    return parser


def db_sync(args: argparse.Namespace) -> int:
    """Migrate every data set to the newest revision."""
    conf = load_conf(args.config_files)
    data = configured_data(conf)
    url = prepare_database(conf, data)
    if url is None:
        print(f"database: {NO_DATA}")
        return 0
    print(f"database {masked_url(url)} is at schema revision {revisions(data, url)}")
    return 0


def db_version(args: argparse.Namespace) -> int:
    """Print the current revision of every data set."""
    conf = load_conf(args.config_files)
    data = configured_data(conf)
    if not data:
        print(f"database: {NO_DATA}")
        return 0
    import sqlalchemy as sa

    url = database_url(conf)
    check_database_url(url)
    exists = database_exists(url)
    try:
        found = [(data_set.name, data_set.revision(url) if exists else None) for data_set in data]
    except sa.exc.SQLAlchemyError as exc:
        raise database_error(url, "read its schema revision", exc) from exc
    for name, revision in found:
        print(revision if len(found) == 1 else f"{name} {revision}")
    return 0


def revisions(data: Sequence[Data], url: str) -> str:
    """The revision of each data set: ``0002``, or ``compute 0002, notes 1`` for several."""
    if len(data) == 1:
        return str(data[0].revision(url))
    return ", ".join(f"{data_set.name} {data_set.revision(url)}" for data_set in data)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``apiframe-manage``; returns the exit status."""
    return run_command(PROG, build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

"""``apiframe-manage``: administration of the compute API's database.

``apiframe-manage db sync`` migrates the schema to the newest revision (creating the
default SQLite file and its directory); ``apiframe-manage db version`` prints the
revision the schema is at. Both read the same configuration as ``apiframe-api``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import sqlalchemy as sa

from apiframe.cmd.common import add_debug_option, config_parser, run_command
from apiframe.database import check_database_url
from apiframe.deploy import database_error, database_exists, database_url, load_conf, masked_url, prepare_database

PROG = "apiframe-manage"


def build_parser() -> argparse.ArgumentParser:
    """``apiframe-manage db sync|version``."""
    parser = argparse.ArgumentParser(prog=PROG, description="Administer the apiframe compute database.")
    add_debug_option(parser)
    categories = parser.add_subparsers(dest="category", metavar="CATEGORY", required=True)
    db = categories.add_parser("db", help="the compute database schema")
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
    """Migrate to the newest revision."""
    from apiframe.compute.db.migration import current_revision

    url = prepare_database(load_conf(args.config_files))
    print(f"database {masked_url(url)} is at schema revision {current_revision(url)}")
    return 0


def db_version(args: argparse.Namespace) -> int:
    """Print the current revision."""
    from apiframe.compute.db.migration import current_revision

    url = database_url(load_conf(args.config_files))
    check_database_url(url)
    try:
        print(current_revision(url) if database_exists(url) else None)
    except sa.exc.SQLAlchemyError as exc:
        raise database_error(url, "read its schema revision", exc) from exc
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``apiframe-manage``; returns the exit status."""
    return run_command(PROG, build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

"""``apiframe-api``: serve the API, or inspect what it would serve.

Each subcommand is a module with ``add_parser(subparsers, parent)``, which declares its
arguments and sets ``run`` (a function ``args -> exit status``); list it in
:data:`COMMANDS`. Without a subcommand, ``serve`` runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from apiframe.cmd import check, openapi, routes, serve
from apiframe.cmd.common import config_parser, run_command

PROG = "apiframe-api"
COMMANDS = (serve, routes, check, openapi)
DEFAULT_COMMAND = "serve"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per module in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(prog=PROG, description="Serve the apiframe compute API.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = config_parser()
    for command in COMMANDS:
        command.add_parser(subparsers, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``apiframe-api``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, DEFAULT_COMMAND)
    return run_command(PROG, build_parser().parse_args(args))


if __name__ == "__main__":
    sys.exit(main())

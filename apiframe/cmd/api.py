"""``apiframe-api``: serve the API, or inspect what it would serve.

Each subcommand is a module with ``add_parser(subparsers, parent)``, which declares its
arguments and sets ``run`` (a function ``args -> exit status``); list it in
:data:`COMMANDS`. Without a subcommand, ``serve`` runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from apiframe.cmd import check, client_stub, openapi, routes, serve
from apiframe.cmd.common import add_debug_option, config_parser, run_command

PROG = "apiframe-api"
COMMANDS = (serve, routes, check, openapi, client_stub)
DEFAULT_COMMAND = "serve"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per module in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Serve the API that [api] name selects (the compute API by default).")
    add_debug_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = config_parser()
    for command in COMMANDS:
        command.add_parser(subparsers, parent)
    return parser


def with_default_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with :data:`DEFAULT_COMMAND` inserted where it names no subcommand
    (``apiframe-api --port 0`` is ``apiframe-api serve --port 0``)."""
    args = list(argv)
    start = 1 if args[:1] == ["--debug"] else 0
    if len(args) == start or (args[start].startswith("-") and args[start] not in ("-h", "--help")):
        args.insert(start, DEFAULT_COMMAND)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``apiframe-api``; returns the exit status."""
    args = with_default_command(sys.argv[1:] if argv is None else argv)
    return run_command(PROG, build_parser().parse_args(args))


if __name__ == "__main__":
    sys.exit(main())

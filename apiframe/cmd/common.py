"""What the console scripts share: the ``--config-file`` option and error reporting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from apiframe.exception import StartupError

Run = Callable[[argparse.Namespace], int]


def config_parser() -> argparse.ArgumentParser:
    """A parent parser giving a subcommand the repeatable ``--config-file FILE`` option."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--config-file", action="append", dest="config_files", metavar="FILE",
                        help="configuration file to read (repeatable; default: $APIFRAME_CONFIG_FILE, "
                             "else /etc/apiframe/apiframe.conf if it exists)")
    return parser


def error(prog: str, message: str) -> None:
    """Print ``prog: error: message`` to stderr."""
    print(f"{prog}: error: {message}", file=sys.stderr)


def run_command(prog: str, args: argparse.Namespace) -> int:
    """Run the subcommand ``args.run`` chose; a ``StartupError`` becomes a message and status 1."""
    try:
        return args.run(args)
    except StartupError as exc:
        error(prog, str(exc))
        return 1

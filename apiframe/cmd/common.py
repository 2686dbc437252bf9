"""What the console scripts share: the ``--config-file`` and ``--debug`` options and error reporting."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from apiframe.deploy import setup_logging
from apiframe.exception import StartupError

LOG = logging.getLogger(__name__)

Run = Callable[[argparse.Namespace], int]

DEBUG_HELP = "log apiframe's debug messages, and the traceback of an error that stops the command"


def config_parser() -> argparse.ArgumentParser:
    """A parent parser giving a subcommand the repeatable ``--config-file FILE`` option and ``--debug``."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--config-file", action="append", dest="config_files", metavar="FILE",
                        help="configuration file to read (repeatable; default: $APIFRAME_CONFIG_FILE, "
                             "else /etc/apiframe/apiframe.conf if it exists)")
    # SUPPRESS: not given after the subcommand, it must not undo a --debug given before it.
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


def add_debug_option(parser: argparse.ArgumentParser) -> None:
    """Give a console script's main parser ``--debug`` too, so that it may precede the subcommand."""
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)


def error(prog: str, message: str) -> None:
    """Print ``prog: error: message`` to stderr."""
    print(f"{prog}: error: {message}", file=sys.stderr)


def run_command(prog: str, args: argparse.Namespace) -> int:
    """Run the subcommand ``args.run`` chose.

    A ``StartupError`` becomes status 1 and ``prog: error: ...`` on stderr, one line per
    line of its message; its traceback is logged at DEBUG (shown with ``--debug``).
    """
    if args.debug:
        setup_logging(debug=True)
    try:
        return args.run(args)
    except StartupError as exc:
        LOG.debug("%s stopped by this error:", prog, exc_info=exc)
        for line in str(exc).splitlines():
            error(prog, line)
        return 1

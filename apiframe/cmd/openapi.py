"""``apiframe-api openapi`` and ``apiframe-api version-history``: the API described from code."""

from __future__ import annotations

import argparse
import json

from apiframe.app import build_api
from apiframe.deploy import load_conf
from apiframe.exception import APIError, StartupError
from apiframe.openapi import render_openapi, render_version_history


def add_parser(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Declare ``openapi`` and ``version-history``."""
    parser = subparsers.add_parser("openapi", parents=[parent], help="print the OpenAPI document",
                                   description="Print the OpenAPI 3.1 document of one microversion.")
    parser.add_argument("--microversion", metavar="X.Y", default="latest",
                        help="the microversion to describe (default: latest)")
    parser.set_defaults(run=run_openapi)
    history = subparsers.add_parser("version-history", parents=[parent], help="print the version history",
                                    description="Print what each microversion changes, as Markdown.")
    history.set_defaults(run=run_version_history)


def run_openapi(args: argparse.Namespace) -> int:
    """Print the document as JSON."""
    api = build_api(load_conf(args.config_files))
    try:
        document = render_openapi(api, args.microversion)
    except APIError as exc:
        raise StartupError(f"--microversion {args.microversion}: {exc.message}") from exc
    print(json.dumps(document, indent=2))
    return 0


def run_version_history(args: argparse.Namespace) -> int:
    """Print the version history."""
    print(render_version_history(build_api(load_conf(args.config_files))), end="")
    return 0

"""``apiframe-api routes``: the route table of the loaded plugins, as an aligned text table."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from apiframe.api_version import APIVersion
from apiframe.app import API, build_api
from apiframe.assembly import version_range_text
from apiframe.deploy import load_conf
from apiframe.exception import InvalidAPIVersionString, StartupError

HEADERS = ("METHOD", "PATH", "OPERATION", "POLICY", "VERSIONS", "PLUGIN")


def add_parser(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Declare ``routes``."""
    parser = subparsers.add_parser("routes", parents=[parent], help="print the route table",
                                   description="Print every operation the loaded plugins serve.")
    parser.add_argument("--microversion", metavar="X.Y",
                        help="only the operations available at this microversion")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the table."""
    api = build_api(load_conf(args.config_files))
    version = _version(args.microversion, api) if args.microversion else None
    print(format_table(HEADERS, route_rows(api, version)))
    return 0


def route_rows(api: API, version: APIVersion | None = None) -> list[tuple[str, ...]]:
    """One row per operation (each action on its own), sorted by path; only those at ``version`` if given."""
    rows = []
    for info in api.assembly.operations:
        if version is not None and version not in info.meta.versions:
            continue
        operation = f"{info.collection}:{info.name}"
        if info.action is not None:
            operation += f" [{info.action}]"
        rows.append((info.method, api.definition.prefix + info.template, operation, info.meta.policy or "(public)",
                     version_range_text(info.meta.versions, api.history), info.plugin))
    return sorted(rows, key=lambda row: (row[1], row[0], row[2]))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, two spaces apart."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    return "\n".join("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
                     for line in (headers, *rows))


def _version(text: str, api: API) -> APIVersion:
    try:
        version = APIVersion.parse(text)
    except InvalidAPIVersionString as exc:
        raise StartupError(f"--microversion {text}: expected X.Y, e.g. {api.history.max}") from exc
    if not api.history.min <= version <= api.history.max:
        raise StartupError(f"--microversion {text}: the API serves {api.history.min} to {api.history.max}")
    return version

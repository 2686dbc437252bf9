"""Statistics and Markdown tables for the benchmark output."""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from importlib import metadata

NOT_AVAILABLE = "n/a"


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence."""
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.99 for p99) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def ratio(value: float | None, reference: float | None) -> str:
    """``value / reference`` as ``1.23x``, or n/a when either is missing."""
    if value is None or not reference:
        return NOT_AVAILABLE
    return f"{value / reference:.2f}x"


def number(value: float | None, digits: int = 1) -> str:
    """A measurement with ``digits`` decimals, or n/a when missing."""
    return NOT_AVAILABLE if value is None else f"{value:,.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded so it also reads well in a terminal."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(headers), "|" + "|".join("-" * (width + 2) for width in widths) + "|",
                      *(line(row) for row in rows)])


def section(title: str, body: str) -> str:
    """A titled block of output."""
    return f"\n## {title}\n\n{body}\n"


def machine() -> str:
    """One paragraph saying where the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = ", ".join(f"{name} {_version(name)}"
                         for name in ("falcon", "webob", "routes", "jsonschema", "gunicorn", "stevedore"))
    return (f"Python {platform.python_version()} ({sys.implementation.name}) on {platform.system()} "
            f"{platform.release()}, {os.cpu_count()} CPUs ({cpu}); {versions}.")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"

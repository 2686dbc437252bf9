"""Writes installed-looking plugin distributions into a directory, for the benchmarks.

A distribution here is a ``.dist-info`` directory whose ``entry_points.txt``
registers objects in the apiframe plugin group. With the directory on
``sys.path``, ``importlib.metadata`` (and so stevedore and apiframe's loader)
finds them exactly as it finds pip-installed ones, without installing anything.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path

NAMESPACE = "apiframe.api.v21.extensions"  # must match the group in setup.cfg

_MODULE = '''"""Benchmark plugin {index}: one of many tiny plugins that measure start-up."""

from apiframe.extensions import Extension


class BenchPlugin{index}(Extension):
    """Benchmark plugin {index}, serving nothing."""

    name = "BenchPlugin{index}"
    alias = "{alias}"
'''


def write_dist_info(directory: Path, distribution: str, entry_points: Mapping[str, str]) -> None:
    """Register ``entry_points`` (name to ``module:attribute``) in the plugin group, as ``distribution``."""
    dist_info = directory / f"{distribution.replace('-', '_')}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (dist_info / "entry_points.txt").write_text(f"[{NAMESPACE}]\n{lines}")


def _alias(index: int) -> str:
    """A plugin alias for ``index``: apiframe aliases are lowercase letters and hyphens."""
    letters = ""
    for _ in range(4):
        index, digit = divmod(index, 26)
        letters = string.ascii_lowercase[digit] + letters
    return f"bench-{letters}"


def write_distributions(directory: Path, count: int) -> list[str]:
    """Write ``count`` one-plugin distributions into ``directory``; return their entry point names."""
    names = []
    for index in range(count):
        module = f"apiframe_bench_plugin_{index:04d}"
        (directory / f"{module}.py").write_text(_MODULE.format(index=index, alias=_alias(index)))
        name = f"bench_{index:04d}"
        write_dist_info(directory, module.replace("_", "-"), {name: f"{module}:BenchPlugin{index}"})
        names.append(name)
    return names

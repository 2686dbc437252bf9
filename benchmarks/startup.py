"""Start-up time with 1, 10 and 100 plugins, each run in a fresh interpreter.

Two loaders run over the same generated plugin distributions, each asked for
exactly the N generated plugins (so plugins installed in the environment, such as
the compute API's, do not count):

* ``stevedore`` — entry-point scan and import of the named plugins, nothing else:
  the floor any entry-point loader stands on;
* ``apiframe.extensions.load_extensions(enabled=names)`` — apiframe's loader
  (scan, import, instantiate, check and order), when apiframe is importable.

The clock starts before the loader's own import, so it includes importing the
framework. The first run in a new plugin directory is cold (stevedore's on-disk
entry-point cache misses); the rest are warm and reported as a median, in wall
time and in CPU time (which a busy shared machine does not inflate).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from benchmarks import plugin_dists, report

ROOT = Path(__file__).resolve().parent.parent

LOADERS = {
    "stevedore scan + import": f"""
import stevedore
def fail(manager, entry_point, exc):
    raise exc
loaded = len(stevedore.NamedExtensionManager({plugin_dists.NAMESPACE!r}, names=NAMES, invoke_on_load=False,
                                             on_load_failure_callback=fail).extensions)
""",
    "apiframe load_extensions": """
from apiframe.extensions import load_extensions
loaded = len(load_extensions(enabled=NAMES))
""",
}

_CHILD = """
import json, time
NAMES = {names!r}
started, started_cpu = time.perf_counter(), time.process_time()
{body}
print(json.dumps({{"seconds": time.perf_counter() - started, "cpu": time.process_time() - started_cpu,
                  "loaded": loaded}}))
"""


@dataclass(frozen=True)
class StartupSettings:
    """Plugin counts to try and runs per count (the first is the cold one)."""

    counts: Sequence[int]
    repeats: int


@dataclass(frozen=True)
class StartupFigures:
    """One loader at one plugin count."""

    cold_s: float
    warm_s: float | None
    warm_cpu_s: float
    process_s: float
    loaded: int


StartupResult = dict[str, dict[int, StartupFigures | str]]
"""Figures (or why there are none) by loader and plugin count."""


class ChildRun(NamedTuple):
    """One fresh interpreter's figures."""

    seconds: float
    cpu: float
    loaded: int
    wall: float


def _run_child(body: str, plugin_dir: Path, names: list[str]) -> ChildRun:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(plugin_dir), str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", _CHILD.format(body=body, names=names)], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise LoaderFailed(completed.stderr.strip().splitlines()[-1] if completed.stderr else "no output")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return ChildRun(figures["seconds"], figures["cpu"], figures["loaded"], wall)


class LoaderFailed(RuntimeError):
    """A loader could not load the generated plugins (its last error line is the message)."""


def run(settings: StartupSettings) -> StartupResult:
    """Time every loader at every plugin count."""
    return {loader: {count: _measure(loader, body, count, max(1, settings.repeats))
                     for count in settings.counts}
            for loader, body in LOADERS.items()}


def _measure(loader: str, body: str, count: int, repeats: int) -> StartupFigures | str:
    # a fresh directory per loader and count, so the first run meets a cold entry-point cache
    with tempfile.TemporaryDirectory(prefix="apiframe-bench-plugins-") as directory:
        plugin_dir = Path(directory)
        names = plugin_dists.write_distributions(plugin_dir, count)
        try:
            runs = [_run_child(body, plugin_dir, names) for _ in range(repeats)]
        except LoaderFailed as exc:
            return f"failed: {exc}"
    if runs[0].loaded != count:
        raise RuntimeError(f"{loader} loaded {runs[0].loaded} plugins, expected {count}")
    warm = runs[1:] or runs
    return StartupFigures(cold_s=runs[0].seconds,
                          warm_s=report.median([run.seconds for run in runs[1:]]) if runs[1:] else None,
                          warm_cpu_s=report.median([run.cpu for run in warm]),
                          process_s=report.median([run.wall for run in warm]),
                          loaded=runs[0].loaded)


def render(result: StartupResult) -> str:
    """The start-up table: load time cold and warm, and the whole process, per loader and count."""
    rows = []
    for loader, by_count in result.items():
        for count, figures in by_count.items():
            if isinstance(figures, str):
                rows.append([loader, str(count), *[report.NOT_AVAILABLE] * 4, figures])
                continue
            rows.append([loader, str(count), report.number(figures.cold_s * 1000),
                         report.number(None if figures.warm_s is None else figures.warm_s * 1000),
                         report.number(figures.warm_cpu_s * 1000),
                         report.number(figures.process_s * 1000), str(figures.loaded)])
    return report.table(["loader", "plugins", "load cold ms", "load warm ms", "load warm CPU ms",
                         "process warm ms", "loaded"], rows)

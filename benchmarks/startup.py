"""Start-up time with 1, 10 and 100 plugins, each run in a fresh interpreter.

Two loaders run over the same generated plugin distributions:

* ``stevedore`` — entry-point scan and import of every plugin, nothing else: the
  floor any entry-point loader stands on;
* ``apiframe.extensions.load_extensions(enabled=None)`` — apiframe's loader
  (scan, import, instantiate, check and order), when apiframe is importable.

The clock starts before the loader's own import, so it includes importing the
framework. The first run in a new plugin directory is cold (stevedore's on-disk
entry-point cache misses); the rest are warm and reported as a median.
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

from benchmarks import plugin_dists, report

ROOT = Path(__file__).resolve().parent.parent

LOADERS = {
    "stevedore scan + import": f"""
import stevedore
def fail(manager, entry_point, exc):
    raise exc
loaded = len(stevedore.ExtensionManager({plugin_dists.NAMESPACE!r}, invoke_on_load=False,
                                        on_load_failure_callback=fail, verify_requirements=False).extensions)
""",
    "apiframe load_extensions": """
from apiframe.extensions import load_extensions
loaded = len(load_extensions(enabled=None))
""",
}

_CHILD = """
import json, time
started = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - started, "loaded": loaded}}))
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
    process_s: float
    loaded: int


StartupResult = dict[str, dict[int, StartupFigures | str]]
"""Figures (or why there are none) by loader and plugin count."""


def _run_child(body: str, plugin_dir: Path) -> tuple[float, int, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(plugin_dir), str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", _CHILD.format(body=body)], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise LoaderFailed(completed.stderr.strip().splitlines()[-1] if completed.stderr else "no output")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures["seconds"], figures["loaded"], wall


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
        plugin_dists.write_distributions(plugin_dir, count)
        try:
            runs = [_run_child(body, plugin_dir) for _ in range(repeats)]
        except LoaderFailed as exc:
            return f"failed: {exc}"
    if runs[0][1] < count:
        raise RuntimeError(f"{loader} loaded {runs[0][1]} plugins, expected at least {count}")
    warm = runs[1:]
    return StartupFigures(cold_s=runs[0][0],
                          warm_s=report.median([seconds for seconds, _, _ in warm]) if warm else None,
                          process_s=report.median([wall for _, _, wall in warm or runs]),
                          loaded=runs[0][1])


def render(result: StartupResult) -> str:
    """The start-up table: load time cold and warm, and the whole process, per loader and count."""
    rows = []
    for loader, by_count in result.items():
        for count, figures in by_count.items():
            if isinstance(figures, str):
                rows.append([loader, str(count), report.NOT_AVAILABLE, report.NOT_AVAILABLE,
                             report.NOT_AVAILABLE, figures])
                continue
            rows.append([loader, str(count), report.number(figures.cold_s * 1000),
                         report.number(None if figures.warm_s is None else figures.warm_s * 1000),
                         report.number(figures.process_s * 1000), str(figures.loaded)])
    return report.table(["loader", "plugins", "load cold ms", "load warm ms", "process warm ms",
                         "loaded"], rows)

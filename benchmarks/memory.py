"""Resident memory of each stack after start-up and after N requests, each in a fresh interpreter.

``python -m benchmarks.memory STACK N`` imports the stack (building its
application), reads its RSS, sends N requests cycling through the measured
endpoints, collects garbage and reads RSS again, printing both as JSON.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks import report, workload, wsgi_client
from benchmarks.stacks import STACK_MODULES, Stack

ROOT = Path(__file__).resolve().parent.parent

MemoryResult = dict[str, tuple[float, float]]
"""RSS in MiB after start-up and after the requests, by stack name."""


def rss_kib() -> int:
    """This process's resident set size in KiB (peak RSS where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def probe(stack_name: str, requests: int) -> dict[str, int]:
    """Measure RSS of ``stack_name`` in this process, before and after ``requests`` requests."""
    module = importlib.import_module(STACK_MODULES[stack_name])
    prepared = [wsgi_client.PreparedRequest(spec) for spec in workload.measured_requests().values()]
    gc.collect()
    start = rss_kib()
    for index in range(requests):
        wsgi_client.call(module.application, prepared[index % len(prepared)])
    gc.collect()
    return {"start_kib": start, "end_kib": rss_kib()}


def run(stacks: Sequence[Stack], requests: int) -> MemoryResult:
    """Probe every available stack in its own interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = {}
    for stack in stacks:
        if stack.module is None:
            continue
        completed = subprocess.run([sys.executable, "-m", "benchmarks.memory", stack.name, str(requests)],
                                   env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
        figures = json.loads(completed.stdout)
        result[stack.name] = (figures["start_kib"] / 1024, figures["end_kib"] / 1024)
    return result


def render(stacks: Sequence[Stack], result: MemoryResult, requests: int) -> str:
    """The memory table: RSS after start-up, after the requests, and the growth."""
    rows = []
    for stack in stacks:
        start, end = result.get(stack.name, (None, None))
        growth = None if start is None else end - start
        rows.append([stack.label, report.number(start), report.number(end), report.number(growth)])
    return report.table(["stack", "RSS after start MiB", f"RSS after {requests:,} requests MiB",
                         "growth MiB"], rows)


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], int(sys.argv[2]))))

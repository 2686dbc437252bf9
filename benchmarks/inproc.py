"""In-process runner: microseconds per request per stack, calling the WSGI callable directly.

Each round times one batch of every (stack, endpoint) pair; the stack order rotates
from round to round so that drift on a shared machine (frequency, neighbours) falls
on every stack alike. The figure reported is the median over rounds, and each
stack's ratio to the raw lower bound comes from the same run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import report, workload, wsgi_client
from benchmarks.stacks import BASELINE, Stack


@dataclass(frozen=True)
class InprocSettings:
    """How long the in-process run lasts."""

    rounds: int
    batch: int


InprocResult = dict[str, dict[str, float]]
"""Median µs per request, by stack name and endpoint name."""


def run(stacks: Sequence[Stack], settings: InprocSettings) -> InprocResult:
    """Verify then time every available stack on every endpoint."""
    requests = {name: wsgi_client.PreparedRequest(spec) for name, spec in workload.measured_requests().items()}
    apps = {}
    for stack in stacks:
        if stack.module is not None:
            apps[stack.name] = stack.module.application
            wsgi_client.verify(stack.module.application, workload.extra_routes())
    samples: dict[str, dict[str, list[float]]] = {name: {e: [] for e in workload.ENDPOINTS} for name in apps}
    order = list(apps)
    for name in order:  # warm-up: first-call caches, lazily compiled routes
        for endpoint in workload.ENDPOINTS:
            wsgi_client.time_batch(apps[name], requests[endpoint], max(1, settings.batch // 10))
    for round_index in range(settings.rounds):
        shift = round_index % len(order)
        for name in order[shift:] + order[:shift]:
            for endpoint in workload.ENDPOINTS:
                samples[name][endpoint].append(
                    wsgi_client.time_batch(apps[name], requests[endpoint], settings.batch))
    return {name: {endpoint: report.median(values) for endpoint, values in by_endpoint.items()}
            for name, by_endpoint in samples.items()}


def render(stacks: Sequence[Stack], result: InprocResult) -> str:
    """The in-process table: µs per request and the ratio to raw, per endpoint."""
    headers = ["stack"]
    for endpoint in workload.ENDPOINTS:
        headers += [f"{workload.ENDPOINT_TITLES[endpoint]} µs", "x raw"]
    baseline = result.get(BASELINE, {})
    rows = []
    for stack in stacks:
        measured = result.get(stack.name)
        row = [stack.label]
        for endpoint in workload.ENDPOINTS:
            value = measured[endpoint] if measured else None
            row += [report.number(value), report.ratio(value, baseline.get(endpoint))]
        rows.append(row)
    return report.table(headers, rows)

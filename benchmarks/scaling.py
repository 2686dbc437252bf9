"""Dispatch scaling: the member GET with 10, 100 and 1000 extra routes registered.

The 1000-route sets come in two shapes: unrelated collections, and 1000
sub-resources sharing the ``/v2.1/servers/{server_id}/`` prefix of the measured
route, which costs most in a router that tries templates one by one. Every stack
with a ``build(extra_routes)`` is measured, interleaved round by round like the
in-process run; the ratio to 10 routes shows whether dispatch cost grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import report, workload, wsgi_client
from benchmarks.stacks import Stack

ROUTE_SETS = {
    "10 routes": workload.extra_routes(10),
    "100 routes": workload.extra_routes(100),
    "1000 routes": workload.extra_routes(1000),
    "1000 under /servers/{id}/": workload.extra_routes(1000, shared_prefix=True),
}
REFERENCE_SET = "10 routes"
GROWTH_SETS = ("1000 routes", "1000 under /servers/{id}/")


@dataclass(frozen=True)
class DispatchSettings:
    """How long the dispatch run lasts."""

    rounds: int
    batch: int


DispatchResult = dict[str, dict[str, float]]
"""Median µs per member GET, by stack name and route set."""


def run(stacks: Sequence[Stack], settings: DispatchSettings) -> DispatchResult:
    """Build every stack once per route set, verify it, then time the member GET."""
    request = wsgi_client.PreparedRequest(workload.measured_requests()["get_member"])
    apps = {}
    for stack in stacks:
        if stack.module is None or not hasattr(stack.module, "build"):
            continue
        for label, routes in ROUTE_SETS.items():
            app = stack.module.build(routes)
            wsgi_client.verify(app, routes)
            wsgi_client.time_batch(app, request, max(1, settings.batch // 10))
            apps[stack.name, label] = app
    samples: dict[tuple[str, str], list[float]] = {key: [] for key in apps}
    order = list(apps)
    for round_index in range(settings.rounds):
        shift = (round_index * len(ROUTE_SETS)) % max(1, len(order))
        for key in order[shift:] + order[:shift]:
            samples[key].append(wsgi_client.time_batch(apps[key], request, settings.batch))
    result: DispatchResult = {}
    for (name, label), values in samples.items():
        result.setdefault(name, {})[label] = report.median(values)
    return result


def render(stacks: Sequence[Stack], result: DispatchResult) -> str:
    """The dispatch table: µs per member GET per route set, and growth against 10 routes."""
    headers = ["stack", *(f"{label} µs" for label in ROUTE_SETS), *(f"{label} / 10" for label in GROWTH_SETS)]
    rows = []
    for stack in stacks:
        measured = result.get(stack.name, {})
        reference = measured.get(REFERENCE_SET)
        rows.append([stack.label, *(report.number(measured.get(label)) for label in ROUTE_SETS),
                     *(report.ratio(measured.get(label), reference) for label in GROWTH_SETS)])
    return report.table(headers, rows)

"""The performance targets of apiframe, checked against the figures of one run.

Informative only: a missed target is reported, never turned into a failing exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks import client, report
from benchmarks.inproc import InprocResult
from benchmarks.overhttp import HTTPResult
from benchmarks.scaling import GROWTH_SETS, REFERENCE_SET, DispatchResult
from benchmarks.startup import StartupFigures, StartupResult

SUBJECT = "apiframe"
APIFRAME_LOADER = "apiframe load_extensions"


@dataclass
class RunResults:
    """Whatever sections of one run produced."""

    inproc: InprocResult | None = None
    http: HTTPResult | None = None
    dispatch: DispatchResult | None = None
    startup: StartupResult | None = None
    client: client.ClientResult | None = None
    notes: list[str] = field(default_factory=list)


def _inproc_ratio(endpoint: str, reference: str) -> Callable[[RunResults], float | None]:
    def measure(results: RunResults) -> float | None:
        figures = results.inproc or {}
        if SUBJECT not in figures or reference not in figures:
            return None
        return figures[SUBJECT][endpoint] / figures[reference][endpoint]
    return measure


def _dispatch_growth(results: RunResults) -> float | None:
    figures = (results.dispatch or {}).get(SUBJECT)
    if not figures:
        return None
    return max(figures[label] / figures[REFERENCE_SET] for label in GROWTH_SETS)


def _startup_100(results: RunResults) -> float | None:
    figures = (results.startup or {}).get(APIFRAME_LOADER, {}).get(100)
    if not isinstance(figures, StartupFigures):
        return None
    return figures.warm_cpu_s


def _http_worst(results: RunResults) -> float | None:
    figures = results.http or {}
    if SUBJECT not in figures or "raw" not in figures:
        return None
    return min(figures[SUBJECT][endpoint][0] / figures["raw"][endpoint][0] for endpoint in figures["raw"])


def _client_ratio(figure: str) -> Callable[[RunResults], float | None]:
    def measure(results: RunResults) -> float | None:
        figures = results.client or {}
        if client.APIFRAME not in figures or client.BARE not in figures:
            return None
        return getattr(figures[client.APIFRAME], figure) / getattr(figures[client.BARE], figure)
    return measure


@dataclass(frozen=True)
class Target:
    """One target: what it says, how to measure it, and the bound it must respect."""

    text: str
    measure: Callable[[RunResults], float | None]
    bound: float
    at_least: bool = False
    unit: str = "x"

    def verdict(self, results: RunResults) -> list[str]:
        """``[text, measured, met/missed/n/a]`` for the table."""
        value = self.measure(results)
        if value is None:
            return [self.text, report.NOT_AVAILABLE, report.NOT_AVAILABLE]
        met = value >= self.bound if self.at_least else value <= self.bound
        return [self.text, f"{value:.2f}{self.unit}", "met" if met else "missed"]


TARGETS = (
    Target("GET member ≤ 1.5x raw (in-process)", _inproc_ratio("get_member", "raw"), 1.5),
    Target("GET member no slower than Falcon (in-process)", _inproc_ratio("get_member", "falcon"), 1.0),
    Target("POST create no slower than raw with a cached jsonschema validator",
           _inproc_ratio("create", "raw"), 1.0),
    Target("GET list ≤ 1.2x raw (in-process)", _inproc_ratio("list", "raw"), 1.2),
    Target("dispatch at 1000 routes (either shape) ≤ 1.2x at 10", _dispatch_growth, 1.2),
    Target("start-up with 100 plugins ≤ 0.5 s (load, warm, CPU)", _startup_100, 0.5, unit=" s"),
    Target("over HTTP ≥ 0.9x raw requests/s (worst endpoint)", _http_worst, 0.9, at_least=True),
    Target("client cold start ≤ 1.2x a bare keystoneauth1 script (CPU)", _client_ratio("cold_cpu_s"), 1.2),
    Target("client get_flavor ≤ 1.1x a bare keystoneauth1 Adapter", _client_ratio("per_call_us"), 1.1),
)


def render(results: RunResults) -> str:
    """The targets table for apiframe; every row is n/a until the apiframe stack runs."""
    return report.table(["target", "measured", "verdict"], [t.verdict(results) for t in TARGETS])

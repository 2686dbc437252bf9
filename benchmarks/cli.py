"""Command line of the benchmark suite: ``python -m benchmarks [inproc|http|scaling|client|all] [--smoke]``."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import client, inproc, memory, overhttp, report, scaling, startup, targets
from benchmarks.stacks import STACK_MODULES, Stack, load


@dataclass(frozen=True)
class Settings:
    """Every knob of a run."""

    inproc: inproc.InprocSettings
    http: overhttp.HTTPSettings
    dispatch: scaling.DispatchSettings
    startup: startup.StartupSettings
    client: client.ClientSettings
    rss_requests: int


def settings_for(smoke: bool, loadgen: str) -> Settings:
    """The full run's settings, or tiny counts that exercise everything in seconds."""
    if smoke:
        return Settings(
            inproc=inproc.InprocSettings(rounds=2, batch=20),
            http=overhttp.HTTPSettings(rounds=1, seconds=0.2, max_requests=30, connections=2,
                                       loadgen="python" if loadgen == "auto" else loadgen),
            dispatch=scaling.DispatchSettings(rounds=1, batch=20),
            startup=startup.StartupSettings(counts=(1, 100), repeats=1),
            client=client.ClientSettings(cold_runs=1, rounds=1, batch=3),
            rss_requests=300,
        )
    return Settings(
        inproc=inproc.InprocSettings(rounds=15, batch=2000),
        http=overhttp.HTTPSettings(rounds=3, seconds=3, max_requests=100_000, connections=4, loadgen=loadgen),
        dispatch=scaling.DispatchSettings(rounds=9, batch=2000),
        startup=startup.StartupSettings(counts=(1, 10, 100), repeats=6),
        client=client.ClientSettings(cold_runs=7, rounds=7, batch=100),
        rss_requests=10_000,
    )


def _stack_list(stacks: Sequence[Stack]) -> str:
    return "\n".join(f"- {stack.label}: " + ("available" if stack.module else f"not available ({stack.unavailable})")
                     for stack in stacks)


def _run_inproc(stacks: Sequence[Stack], settings: Settings, results: targets.RunResults) -> str:
    results.inproc = inproc.run(stacks, settings.inproc)
    return report.section(
        "In-process: µs per request (median), ratio to raw",
        f"{settings.inproc.rounds} interleaved rounds of {settings.inproc.batch} requests per stack and "
        f"endpoint, 50 extra routes registered.\n\n{inproc.render(stacks, results.inproc)}")


def _run_http(stacks: Sequence[Stack], settings: Settings, results: targets.RunResults) -> str:
    results.http = overhttp.run(stacks, settings.http)
    return report.section("Over HTTP: requests/s and p99 latency (median over rounds)",
                          f"{settings.http.describe()}\n\n{overhttp.render(stacks, results.http)}")


def _run_scaling(stacks: Sequence[Stack], settings: Settings, results: targets.RunResults) -> str:
    results.dispatch = scaling.run(stacks, settings.dispatch)
    results.startup = startup.run(settings.startup)
    rss = memory.run(stacks, settings.rss_requests)
    return "".join([
        report.section("Dispatch scaling: µs per member GET by number of extra routes",
                       f"{settings.dispatch.rounds} interleaved rounds of {settings.dispatch.batch} requests."
                       f"\n\n{scaling.render(stacks, results.dispatch)}"),
        report.section("Start-up with N plugins (fresh interpreter each run)",
                       f"{settings.startup.repeats} run(s) per count; the first is cold, the rest warm."
                       f"\n\n{startup.render(results.startup)}"),
        report.section("Memory", memory.render(stacks, rss, settings.rss_requests)),
    ])


def _run_client(stacks: Sequence[Stack], settings: Settings, results: targets.RunResults) -> str:
    results.client = client.run(settings.client)
    return report.section(
        "Client: import + connect + first list, and per call, against one served compute API",
        f"{settings.client.cold_runs} fresh interpreter(s) per client for the cold start (median); "
        f"{settings.client.rounds} interleaved rounds of {settings.client.batch} get_flavor calls per client."
        f"\n\n{client.render(results.client)}")


SECTIONS = {"inproc": (_run_inproc,), "http": (_run_http,), "scaling": (_run_scaling,), "client": (_run_client,),
            "all": (_run_inproc, _run_http, _run_scaling, _run_client)}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections and print their tables in Markdown."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("section", nargs="?", default="all", choices=SECTIONS,
                        help="what to run (default: all)")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny counts: checks every part still works, in seconds; figures mean nothing")
    parser.add_argument("--stacks", default=",".join(STACK_MODULES),
                        help=f"comma-separated stacks to include (default: {','.join(STACK_MODULES)})")
    parser.add_argument("--loadgen", choices=("auto", "wrk", "python"), default="auto",
                        help="HTTP load generator (auto: wrk when installed; --smoke uses python)")
    args = parser.parse_args(argv)

    stacks = load([name.strip() for name in args.stacks.split(",") if name.strip()])
    settings = settings_for(args.smoke, args.loadgen)
    results = targets.RunResults()
    started = time.perf_counter()
    print(f"# apiframe benchmarks{' (smoke: figures mean nothing)' if args.smoke else ''}\n")
    print(report.machine())
    print(f"\nStacks:\n{_stack_list(stacks)}", flush=True)
    for run_section in SECTIONS[args.section]:
        print(run_section(stacks, settings, results), flush=True)
    print(report.section("Targets (apiframe, ratios from this run)", targets.render(results)))
    print(f"Finished in {time.perf_counter() - started:.1f} s.")
    return 0

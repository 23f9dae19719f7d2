"""Heartbeat streams (a)-(d) against `rolecall serve --no-gateway`, with the failover probe.

(a) one stream pipelined, (b) one stream x 100 sessions per message, (c) 1,000 streams x 10 Hz,
(d) 10,000 streams x 1 Hz. The failover probe (its own groups, 1 s timeout, set up before the
load starts) runs during (c) in quick mode; in full mode during (d), and again under 500 streams
x 10 Hz for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import scenarios
from bench.plan import Figures
from bench.probe import FailoverProbe, failover_figures
from bench.profile import Profile
from bench.registry import part
from bench.runner import Bench
from bench.seed import GroupSet, seed
from bench.server import Server, running_server

HELD = 0.99  # "10,000/s held": at least 99% of what was offered on schedule
PROBE_SET_UP_SECONDS = 20.0  # the probe's groups, set up before the load starts

TARGETS = {
    "hb_pipelined_per_s": (">=", 6_000, "(a) >= 6,000/s"),
    "hb_batched_per_s": (">=", 100_000, "(b) >= 100,000 session heartbeats/s"),
    "hb_1000x10hz_per_s": (">=", 10_000 * HELD, "(c) 10,000/s held (>= 99%)"),
    "hb_1000x10hz_p99_ms": ("<=", 50, "(c) p99 <= 50 ms"),
    "hb_10000x1hz_per_s": (">=", 10_000 * HELD, "(d) 10,000/s held (>= 99%)"),
    "hb_10000x1hz_errors": ("<=", 0, "(d) no stream errors"),
    "failover_push_false_failovers": ("<=", 0, "no failover of a Primary heartbeating on schedule"),
    "failover_push_p99_ms": ("<=", 20, "push p99 <= 20 ms after the deadline"),
}

ROWS = [
    ("hb_pipelined_per_s", "(a) 1 stream pipelined, answers/s"),
    ("hb_pipelined_p99_ms", "(a) p99 round trip, ms"),
    ("hb_pipelined_server_cpu_pct", "(a) server CPU %"),
    ("hb_pipelined_loader_us_per_msg", "(a) loader CPU µs/message"),
    ("py_loader_pipelined_per_s", "(a) with the Python loader, answers/s"),
    ("py_loader_pipelined_loader_us_per_msg", "(a) Python loader CPU µs/message"),
    ("hb_batched_per_s", "(b) 1 stream x 100 sessions, session heartbeats/s"),
    ("hb_batched_p99_ms", "(b) p99 round trip, ms"),
    ("hb_batched_server_cpu_pct", "(b) server CPU %"),
    ("hb_1000x10hz_per_s", "(c) 1,000 streams x 10 Hz, answered/s"),
    ("hb_1000x10hz_p50_ms", "(c) p50 round trip, ms"),
    ("hb_1000x10hz_p99_ms", "(c) p99 round trip, ms"),
    ("hb_1000x10hz_server_cpu_pct", "(c) server CPU %"),
    ("hb_1000x10hz_loader_send_lag_p99_ms", "(c) loader send lag p99, ms"),
    ("hb_10000x1hz_per_s", "(d) 10,000 streams x 1 Hz, answered/s"),
    ("hb_10000x1hz_errors", "(d) stream errors (other than refused for load)"),
    ("hb_10000x1hz_streams_opened", "(d) streams admitted (of 10,000)"),
    ("hb_10000x1hz_streams_refused", "(d) streams refused or shed for load (RESOURCE_EXHAUSTED)"),
    ("hb_10000x1hz_p50_ms", "(d) p50 round trip, ms"),
    ("hb_10000x1hz_p99_ms", "(d) p99 round trip, ms"),
    ("hb_10000x1hz_server_cpu_pct", "(d) server CPU %"),
    ("hb_10000x1hz_loader_send_lag_p99_ms", "(d) loader send lag p99, ms"),
    ("failover_push_p50_ms", "failover push after deadline p50, ms"),
    ("failover_push_p99_ms", "failover push after deadline p99, ms"),
    ("failover_push_max_ms", "failover push after deadline max, ms"),
    ("failover_push_missed", "failover pushes missed"),
    ("failover_push_measured_groups", "failover groups measured (of 100)"),
    ("failover_push_false_failovers", "failovers of Primaries heartbeating on schedule"),
    ("failover_push_early_failovers", "failovers before the Primaries stopped (any cause)"),
    ("failover_push_refused_streams", "probe streams refused for load, then readmitted"),
    ("failover_push_light_p50_ms", "failover p50 under 5,000/s (headroom), ms"),
    ("failover_push_light_p99_ms", "failover p99 under 5,000/s (headroom), ms"),
    ("hb_500x10hz_server_cpu_pct", "server CPU % at 5,000/s (500 x 10 Hz)"),
]


@part("heartbeats", rows=ROWS, targets=TARGETS, order=10)
def heartbeat_benchmarks(bench: Bench, tmp: Path) -> None:
    plan = bench.plan
    extra_runs = plan.runs + (1 if plan.profile_dir else 0)
    # Failover probe groups, fresh for every run (a probed group fails over once).
    light = [scenarios.failover_set(f"l{i}") for i in range(extra_runs)]
    heavy = [] if plan.quick else [scenarios.failover_set(f"d{i}") for i in range(extra_runs)]
    sets = [scenarios.PIPELINED, scenarios.STREAMS_1K, scenarios.STREAMS_10K, *light, *heavy]
    data_dir = tmp / "heartbeats"
    bench.log(f"seeding {seed(data_dir, sets)} groups; starting rolecall serve --no-gateway")
    with running_server(data_dir, gateway=False) as server:
        bench.log(f"server pid {server.pid} on {server.grpc_target}")
        one_stream(bench, server)
        thousand_streams(bench, server, light)
        ten_thousand_streams(bench, server, heavy)
    bench.totals["hb_10000x1hz_errors_total"] = sum(
        int(r.get("hb_10000x1hz_errors") or 0) for r in bench.runs.get("hb_10000x1hz", [])
    )


def one_stream(bench: Bench, server: Server) -> None:
    """(a) pipelined, again with the Python loader to compare loaders, and (b) batched."""
    plan = bench.plan
    scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.PIPELINED))
    bench.log(f"(a) 1 stream pipelined, {plan.loader} loader")
    bench.repeat(
        "hb_pipelined",
        lambda i, prof: scenarios.pipelined(
            plan,
            server,
            batch=1,
            loader=plan.loader,
            prefix="hb_pipelined",
            window=32,
            profile=prof,
        ),
    )
    if plan.loader != "python":
        bench.log("(a) again with the Python loader, to compare loaders")
        for _ in range(plan.runs):
            figures, _ = scenarios.pipelined(
                plan, server, batch=1, loader="python", prefix="py_loader_pipelined", window=32
            )
            bench.record("py_loader_pipelined", figures)
    bench.log("(b) 1 stream, 100 sessions per message")
    bench.repeat(
        "hb_batched",
        lambda i, prof: scenarios.pipelined(
            plan, server, batch=100, loader=plan.loader, prefix="hb_batched", window=4, profile=prof
        ),
    )


@dataclass(frozen=True)
class PacedLoad:
    """One stream per session of `group_set`, each at `rate_hz`, over `processes` loaders."""

    group_set: GroupSet
    rate_hz: float
    processes: int
    timing: dict[str, float]
    prefix: str


def thousand_streams(bench: Bench, server: Server, light: list[GroupSet]) -> None:
    """(c), with the probe in quick mode; in full mode the probe again under 500 x 10 Hz."""
    plan = bench.plan
    scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.STREAMS_1K))
    with_probe = " with the failover probe (200 more streams at 3 Hz)" if plan.quick else ""
    bench.log(f"(c) 1,000 streams x 10 Hz{with_probe}")
    load = PacedLoad(scenarios.STREAMS_1K, 10.0, 1, plan.streams_1k, "hb_1000x10hz")
    probed = light if plan.quick else None
    bench.repeat(
        "hb_1000x10hz",
        lambda i, prof: paced_with_probe(bench, server, load, probed, i, "failover_push", prof),
    )
    if plan.quick:
        return
    bench.log("failover probe under 500 streams x 10 Hz (5,000/s, headroom)")
    half = PacedLoad(scenarios.STREAMS_HALF, 10.0, 1, plan.streams_1k, "hb_500x10hz")
    bench.repeat(
        "failover_light",
        lambda i, prof: paced_with_probe(
            bench, server, half, light, i, "failover_push_light", prof
        ),
    )


def ten_thousand_streams(bench: Bench, server: Server, heavy: list[GroupSet]) -> None:
    """(d), with the failover probe during it in full mode."""
    plan = bench.plan
    scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.STREAMS_10K))
    bench.log("(d) 10,000 streams x 1 Hz" + ("" if plan.quick else ", failover probe during it"))
    load = PacedLoad(scenarios.STREAMS_10K, 1.0, 2, plan.streams_10k, "hb_10000x1hz")
    probed = heavy or None
    bench.repeat(
        "hb_10000x1hz",
        lambda i, prof: paced_with_probe(bench, server, load, probed, i, "failover_push", prof),
    )


def paced_with_probe(
    bench: Bench,
    server: Server,
    load: PacedLoad,
    probe_sets: list[GroupSet] | None,
    run: int,
    probe_prefix: str,
    profile: Path | None,
) -> tuple[Figures, Profile | None]:
    """A paced run; with `probe_sets`, the failover probe on the run's own groups sets up before
    the load starts, and its Primaries stop when the measured window opens."""
    probe = None
    if probe_sets is not None:
        probe = FailoverProbe(server, probe_sets[run], limit=sum(load.timing.values()) + 30.0)
        probe.start()
        probe.wait_set_up(PROBE_SET_UP_SECONDS)
    outcome = None
    try:
        figures, prof = scenarios.paced(
            bench.plan,
            server,
            group_set=load.group_set,
            rate_hz=load.rate_hz,
            processes=load.processes,
            timing=load.timing,
            prefix=load.prefix,
            during=probe.go if probe else None,
            profile=profile,
        )
    finally:
        if probe is not None:
            outcome = probe.result()
    if outcome is not None:
        figures.update(failover_figures(probe_prefix, outcome))
    refused = refused_for_load(figures.get(f"{load.prefix}_failure_codes") or {})
    figures[f"{load.prefix}_streams_refused"] = refused
    errors = figures.get(f"{load.prefix}_errors")
    if isinstance(errors, int):
        figures[f"{load.prefix}_errors"] = errors - refused
    return figures, prof


def refused_for_load(failure_codes: dict[str, int]) -> int:
    """Streams the server refused or shed as overloaded (admission control, README: Overload):
    RESOURCE_EXHAUSTED, by number (the Node loader) or name (the Python one)."""
    return sum(n for code, n in failure_codes.items() if code in ("8", "RESOURCE_EXHAUSTED"))

"""`python -m bench [--quick]`: the benchmarks of issue 4, as a table and results/latest.json.

Each figure is the median of `--runs` (3) runs against a real `rolecall serve` that this command
starts (pinned to one core) and stops by pid. Load comes from separate processes on the other
core(s): the Node loader (bench/node) when Node is there, else the Python one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import scenarios
from bench.loaders import ensure_node_modules
from bench.profile import Profile, py_spy
from bench.rest_load import ensure_wrk, wrk_available
from bench.scenarios import Figures, Plan
from bench.seed import GroupSet, seed
from bench.server import LOADER_CPUS, SERVER_CPUS, Server, running_server

RESULTS_DIR = Path(__file__).resolve().parent / "results"
HELD = 0.99  # "10,000/s held": at least 99% of what was offered on schedule

# key -> (comparison, target, what it means)
TARGETS: dict[str, tuple[str, float, str]] = {
    "hb_pipelined_per_s": (">=", 6_000, "(a) >= 6,000/s"),
    "hb_batched_per_s": (">=", 100_000, "(b) >= 100,000 session heartbeats/s"),
    "hb_1000x10hz_per_s": (">=", 10_000 * HELD, "(c) 10,000/s held (>= 99%)"),
    "hb_1000x10hz_p99_ms": ("<=", 50, "(c) p99 <= 50 ms"),
    "hb_10000x1hz_per_s": (">=", 10_000 * HELD, "(d) 10,000/s held (>= 99%)"),
    "hb_10000x1hz_errors": ("<=", 0, "(d) no stream errors"),
    "failover_push_p99_ms": ("<=", 20, "push p99 <= 20 ms after the deadline"),
    "rest_heartbeat_per_s": (">=", 2_500, "REST through Envoy >= 2,500/s"),
    "restart_s": ("<=", 5, "restart <= 5 s (10k groups, 100k sessions)"),
}

TABLE: list[tuple[str, str]] = [
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
    ("hb_10000x1hz_errors", "(d) stream errors"),
    ("hb_10000x1hz_p50_ms", "(d) p50 round trip, ms"),
    ("hb_10000x1hz_p99_ms", "(d) p99 round trip, ms"),
    ("hb_10000x1hz_server_cpu_pct", "(d) server CPU %"),
    ("hb_10000x1hz_loader_send_lag_p99_ms", "(d) loader send lag p99, ms"),
    ("failover_push_p50_ms", "failover push after deadline p50, ms"),
    ("failover_push_p99_ms", "failover push after deadline p99, ms"),
    ("failover_push_max_ms", "failover push after deadline max, ms"),
    ("failover_push_missed", "failover pushes missed"),
    ("failover_push_measured_groups", "failover groups measured (of 100)"),
    ("failover_push_early_failovers", "failovers before the Primaries stopped"),
    ("failover_push_light_p50_ms", "failover p50 under 5,000/s (headroom), ms"),
    ("failover_push_light_p99_ms", "failover p99 under 5,000/s (headroom), ms"),
    ("hb_500x10hz_server_cpu_pct", "server CPU % at 5,000/s (500 x 10 Hz)"),
    ("rest_heartbeat_per_s", "REST heartbeat via Envoy, req/s"),
    ("rest_heartbeat_p99_ms", "REST p99, ms"),
    ("rest_server_cpu_pct", "REST: server CPU %"),
    ("rest_envoy_cpu_pct", "REST: Envoy CPU %"),
    ("grpc_heartbeat_per_s", "gRPC SendGroupHeartbeat direct, req/s"),
    ("grpc_heartbeat_p99_ms", "gRPC p99, ms"),
    ("grpc_server_cpu_pct", "gRPC: server CPU %"),
    ("rest_to_grpc_ratio", "REST / gRPC"),
    ("restart_s", "restart to SERVING, s (100k sessions)"),
    ("restart_empty_s", "restart to SERVING, s (empty store)"),
]


def median_figures(runs: list[Figures]) -> Figures:
    """The median of each numeric figure over the runs; other values from the last run."""
    merged: Figures = {}
    for key in dict.fromkeys(k for run in runs for k in run):
        values = [run.get(key) for run in runs]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if numbers:
            merged[key] = statistics.median(numbers)
        else:
            merged[key] = next((v for v in reversed(values) if v is not None), None)
    return merged


def verdict(key: str, figures: Figures) -> str:
    if key not in TARGETS:
        return ""
    op, target, _ = TARGETS[key]
    value = figures.get(key)
    if not isinstance(value, int | float):
        return "MISS (no value)"
    met = value >= target if op == ">=" else value <= target
    return "met" if met else "MISS"


def render_table(figures: Figures) -> str:
    rows = [("figure", "key", "median", "target")]
    for key, label in TABLE:
        if key not in figures:
            continue
        value = figures[key]
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        target = f"{TARGETS[key][2]}: {verdict(key, figures)}" if key in TARGETS else ""
        rows.append((label, key, shown, target))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Bench:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.runs: dict[str, list[Figures]] = {}
        self.profiles: dict[str, list[str]] = {}
        self.started = time.monotonic()

    def log(self, message: str) -> None:
        print(f"[{time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def repeat(
        self,
        name: str,
        run: Callable[[int, Path | None], tuple[Figures, Profile | None]],
    ) -> None:
        """`runs` measured runs, then one profiled run (not counted) if profiling."""
        for index in range(self.plan.runs):
            figures, _ = run(index, None)
            self.runs.setdefault(name, []).append(figures)
            shown = {
                k: v for k, v in figures.items() if k.endswith(("_per_s", "_p99_ms", "_errors"))
            }
            self.log(f"  {name} run {index + 1}: {shown}")
        if self.plan.profile_dir is not None:
            path = self.plan.profile_dir / f"profile-{name}.txt"
            _, profile = run(self.plan.runs, path)
            if profile is not None:
                self.profiles[name] = profile.summary(15)
                self.log(f"  {name} profile:\n" + "\n".join(self.profiles[name]))

    def figures(self) -> Figures:
        merged: Figures = {}
        for runs in self.runs.values():
            merged.update(median_figures(runs))
        if "hb_10000x1hz" in self.runs:
            merged["hb_10000x1hz_errors_total"] = sum(
                int(r.get("hb_10000x1hz_errors") or 0) for r in self.runs["hb_10000x1hz"]
            )
        return merged


def heartbeat_benchmarks(bench: Bench, tmp: Path) -> None:
    plan = bench.plan
    extra_runs = plan.runs + (1 if plan.profile_dir else 0)
    # Failover probe groups, fresh for every run. Quick: the probe runs during (c), the lighter
    # load. Full: during (d), and again during 500 streams x 10 Hz (headroom) for comparison.
    light = [scenarios.failover_set(f"l{i}") for i in range(extra_runs)]
    heavy = [] if plan.quick else [scenarios.failover_set(f"d{i}") for i in range(extra_runs)]
    sets: list[GroupSet] = [
        scenarios.PIPELINED,
        scenarios.STREAMS_1K,
        scenarios.STREAMS_10K,
        *light,
        *heavy,
    ]
    data_dir = tmp / "heartbeats"
    bench.log(f"seeding {seed(data_dir, sets)} groups; starting rolecall serve --no-gateway")
    with running_server(data_dir, gateway=False) as server:
        bench.log(f"server pid {server.pid} on {server.grpc_target}")
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
                    plan,
                    server,
                    batch=1,
                    loader="python",
                    prefix="py_loader_pipelined",
                    window=32,
                )
                bench.runs.setdefault("py_loader_pipelined", []).append(figures)
        bench.log("(b) 1 stream, 100 sessions per message")
        bench.repeat(
            "hb_batched",
            lambda i, prof: scenarios.pipelined(
                plan,
                server,
                batch=100,
                loader=plan.loader,
                prefix="hb_batched",
                window=4,
                profile=prof,
            ),
        )

        scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.STREAMS_1K))
        with_probe = " with the failover probe (200 more streams at 3 Hz)" if plan.quick else ""
        bench.log(f"(c) 1,000 streams x 10 Hz{with_probe}")
        bench.repeat(
            "hb_1000x10hz",
            lambda i, prof: paced_with_probe(
                bench,
                server,
                scenarios.STREAMS_1K,
                10.0,
                1,
                plan.streams_1k,
                "hb_1000x10hz",
                light[i] if plan.quick else None,
                "failover_push",
                prof,
            ),
        )
        if not plan.quick:
            bench.log("failover probe under 500 streams x 10 Hz (5,000/s, headroom)")
            bench.repeat(
                "failover_light",
                lambda i, prof: paced_with_probe(
                    bench,
                    server,
                    scenarios.STREAMS_HALF,
                    10.0,
                    1,
                    plan.streams_1k,
                    "hb_500x10hz",
                    light[i],
                    "failover_push_light",
                    prof,
                ),
            )

        scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.STREAMS_10K))
        bench.log(
            "(d) 10,000 streams x 1 Hz" + ("" if plan.quick else ", failover probe during it")
        )
        bench.repeat(
            "hb_10000x1hz",
            lambda i, prof: paced_with_probe(
                bench,
                server,
                scenarios.STREAMS_10K,
                1.0,
                2,
                plan.streams_10k,
                "hb_10000x1hz",
                heavy[i] if heavy else None,
                "failover_push",
                prof,
            ),
        )


def paced_with_probe(
    bench: Bench,
    server: Server,
    group_set: GroupSet,
    rate_hz: float,
    processes: int,
    timing: dict[str, float],
    prefix: str,
    probe_groups: GroupSet | None,
    probe_prefix: str,
    profile: Path | None,
) -> tuple[Figures, Profile | None]:
    """A paced run; with `probe_groups`, the failover probe sets up during the ramp and its
    Primaries stop when the measured window opens."""
    probe = None
    if probe_groups is not None:
        probe = scenarios.FailoverProbe(server, probe_groups, limit=sum(timing.values()) + 30.0)
        probe.start()
    outcome = None
    try:
        figures, prof = scenarios.paced(
            bench.plan,
            server,
            group_set=group_set,
            rate_hz=rate_hz,
            processes=processes,
            timing=timing,
            prefix=prefix,
            during=probe.go if probe else None,
            profile=profile,
        )
    finally:
        if probe is not None:
            outcome = probe.result()
    if outcome is not None:
        figures.update(scenarios.failover_figures(probe_prefix, outcome))
    return figures, prof


def rest_benchmarks(bench: Bench, tmp: Path) -> None:
    data_dir = tmp / "rest"
    seed(data_dir, [scenarios.REST])
    bench.log("REST through Envoy vs gRPC direct: starting rolecall serve (with Envoy)")
    with running_server(data_dir, gateway=True) as server:
        bench.log(f"server pid {server.pid}, Envoy pid {server.envoy_pid}, {server.http_base}")
        scenarios.prime(server.grpc_target, scenarios.sessions_of(scenarios.REST))
        bench.repeat(
            "rest_vs_grpc",
            lambda i, prof: (scenarios.rest_vs_grpc(bench.plan, server, bench.log), None),
        )


def restart_benchmarks(bench: Bench, tmp: Path) -> None:
    empty = tmp / "restart-empty"
    empty.mkdir()
    full = tmp / "restart"
    started = time.monotonic()
    seed(full, [scenarios.RESTART])
    bench.log(f"restart: seeded 10,000 groups x 10 sessions in {time.monotonic() - started:.1f} s")
    for index in range(bench.plan.runs):
        figures = scenarios.restart(full)
        figures["restart_empty_s"] = scenarios.restart(empty)["restart_s"]
        bench.runs.setdefault("restart", []).append(figures)
        bench.log(f"  restart run {index + 1}: {figures}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short windows (< 2 minutes)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--loader",
        choices=("auto", "node", "python"),
        default="auto",
        help="heartbeat load generator (auto: node when available)",
    )
    parser.add_argument(
        "--streams-per-connection",
        type=int,
        default=100,
        help="HeartbeatStreams sharing one TCP connection in (c) and (d)",
    )
    parser.add_argument(
        "--only",
        default="heartbeats,rest,restart",
        help="comma-separated parts to run: heartbeats, rest, restart",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after each scenario's runs, one more run under py-spy (needs py-spy installed)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.sched_setaffinity(0, LOADER_CPUS)
    early_log = Bench(Plan(quick=args.quick, loader="python")).log
    loader = args.loader
    if loader in ("auto", "node"):
        if ensure_node_modules(early_log):
            loader = "node"
        elif loader == "node":
            raise SystemExit("node or bench/node/node_modules missing (npm ci in bench/node)")
        else:
            early_log("Node is not available: using the Python loader (it bounds some figures)")
            loader = "python"
    if not ensure_wrk(early_log):
        early_log("wrk is not available: REST load comes from the Python loader instead")
    if args.profile and py_spy() is None:
        raise SystemExit("--profile needs py-spy in the venv: pip install py-spy")
    profile_dir = args.output.parent if args.profile else None
    plan = Plan(
        quick=args.quick,
        loader=loader,
        runs=args.runs,
        streams_per_connection=args.streams_per_connection,
        profile_dir=profile_dir,
    )
    bench = Bench(plan)
    parts = set(args.only.split(","))
    bench.log(
        f"{'quick' if plan.quick else 'full'} bench, {plan.runs} runs per figure, "
        f"loader {loader}, server on CPU {sorted(SERVER_CPUS)}, load on CPU {sorted(LOADER_CPUS)}"
    )
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "heartbeats" in parts:
            heartbeat_benchmarks(bench, tmp)
        if "rest" in parts:
            rest_benchmarks(bench, tmp)
        if "restart" in parts:
            restart_benchmarks(bench, tmp)

    figures = bench.figures()
    report: dict[str, Any] = dict(figures)
    report["targets"] = {
        key: {"target": text, "value": figures.get(key), "verdict": verdict(key, figures)}
        for key, (_, _, text) in TARGETS.items()
        if key in figures
    }
    report["runs"] = bench.runs
    report["profiles"] = bench.profiles
    report["meta"] = {
        "quick": plan.quick,
        "runs_per_figure": plan.runs,
        "heartbeat_loader": loader,
        "rest_loader": "wrk" if wrk_available() else "python",
        "streams_per_connection": plan.streams_per_connection,
        "server_cpus": sorted(SERVER_CPUS),
        "loader_cpus": sorted(LOADER_CPUS),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "elapsed_s": round(time.monotonic() - bench.started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, sort_keys=False) + "\n")
    print(render_table(figures))
    print("\nwhat bounds each figure (last run):")
    for key, value in figures.items():
        if key.endswith("_bound"):
            print(f"  {key[: -len('_bound')]}: {value}")
    print(f"\nsaved to {args.output} ({report['meta']['elapsed_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

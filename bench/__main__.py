"""`python -m bench [--quick]`: the benchmarks, as a table and results/latest.json.

Each figure is the median of `--runs` (3) runs against a real `rolecall serve` that the bench
starts (pinned to one core) and stops by pid. Load comes from separate processes on the other
core(s): the Node loader (bench/node) when Node is there, else the Python one. What runs is the
list of parts in bench.registry (one module per part under bench/parts/).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.loaders import ensure_node_modules
from bench.plan import Log, Plan
from bench.profile import py_spy
from bench.registry import Part, load_parts
from bench.report import save_and_print
from bench.rest_load import ensure_wrk, wrk_available
from bench.runner import Bench
from bench.server import LOADER_CPUS, SERVER_CPUS

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def parse_args(argv: list[str] | None, parts: list[Part]) -> argparse.Namespace:
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
        default=",".join(p.name for p in parts if p.default),
        help="comma-separated parts to run: " + ", ".join(p.name for p in parts),
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after each scenario's runs, one more run under py-spy (needs py-spy installed)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.json")
    return parser.parse_args(argv)


def choose_loader(asked: str, log: Log) -> str:
    """The heartbeat loader: Node when asked or available, else Python."""
    if asked in ("auto", "node"):
        if ensure_node_modules(log):
            return "node"
        if asked == "node":
            raise SystemExit("node or bench/node/node_modules missing (npm ci in bench/node)")
        log("Node is not available: using the Python loader (it bounds some figures)")
    return "python"


def chosen_parts(parts: list[Part], only: str) -> list[Part]:
    names = [name for name in only.split(",") if name]
    unknown = sorted(set(names) - {p.name for p in parts})
    if unknown:
        raise SystemExit(f"unknown bench parts {unknown}; known: {[p.name for p in parts]}")
    return [p for p in parts if p.name in names]


def make_plan(args: argparse.Namespace) -> Plan:
    early_log = Bench(Plan(quick=args.quick, loader="python")).log
    loader = choose_loader(args.loader, early_log)
    if not ensure_wrk(early_log):
        early_log("wrk is not available: REST load comes from the Python loader instead")
    if args.profile and py_spy() is None:
        raise SystemExit("--profile needs py-spy in the venv: pip install py-spy")
    return Plan(
        quick=args.quick,
        loader=loader,
        runs=args.runs,
        streams_per_connection=args.streams_per_connection,
        profile_dir=args.output.parent if args.profile else None,
    )


def meta(plan: Plan) -> dict[str, Any]:
    return {
        "quick": plan.quick,
        "runs_per_figure": plan.runs,
        "heartbeat_loader": plan.loader,
        "rest_loader": "wrk" if wrk_available() else "python",
        "streams_per_connection": plan.streams_per_connection,
        "server_cpus": sorted(SERVER_CPUS),
        "loader_cpus": sorted(LOADER_CPUS),
    }


def main(argv: list[str] | None = None) -> int:
    parts = load_parts()
    args = parse_args(argv, parts)
    selected = chosen_parts(parts, args.only)
    os.sched_setaffinity(0, LOADER_CPUS)
    plan = make_plan(args)
    bench = Bench(plan)
    bench.log(
        f"{'quick' if plan.quick else 'full'} bench, {plan.runs} runs per figure, "
        f"loader {plan.loader}, server on CPU {sorted(SERVER_CPUS)}, "
        f"load on CPU {sorted(LOADER_CPUS)}"
    )
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp_name:
        for selected_part in selected:
            selected_part.run(bench, Path(tmp_name))
    save_and_print(bench, parts, meta(plan), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

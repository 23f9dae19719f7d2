"""Restart: time from spawning `rolecall serve` to health SERVING, full store and empty."""

from __future__ import annotations

import time
from pathlib import Path

from bench import scenarios
from bench.registry import part
from bench.restart import time_restart
from bench.runner import Bench
from bench.seed import seed

TARGETS = {"restart_s": ("<=", 5, "restart <= 5 s (10k groups, 100k sessions)")}
ROWS = [
    ("restart_s", "restart to SERVING, s (100k sessions)"),
    ("restart_empty_s", "restart to SERVING, s (empty store)"),
]


@part("restart", rows=ROWS, targets=TARGETS, order=30)
def restart_benchmarks(bench: Bench, tmp: Path) -> None:
    empty = tmp / "restart-empty"
    empty.mkdir()
    full = tmp / "restart"
    started = time.monotonic()
    seed(full, [scenarios.RESTART])
    bench.log(f"restart: seeded 10,000 groups x 10 sessions in {time.monotonic() - started:.1f} s")
    for index in range(bench.plan.runs):
        figures = {
            "restart_s": round(time_restart(full), 3),
            "restart_empty_s": round(time_restart(empty), 3),
        }
        bench.record("restart", figures)
        bench.log(f"  restart run {index + 1}: {figures}")

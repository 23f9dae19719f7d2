"""`Bench`: runs a scenario `plan.runs` times, keeps every run, and gives the medians."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.plan import Figures, Plan
from bench.profile import Profile

# One measured run: (run index, profile output path or None) -> (figures, profile or None).
Run = Callable[[int, Path | None], tuple[Figures, Profile | None]]


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


class Bench:
    """The runs of every scenario so far, by scenario name, and figures that are not medians."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.runs: dict[str, list[Figures]] = {}
        self.profiles: dict[str, list[str]] = {}
        # Figures over all runs (e.g. a sum), set by a part after its runs; merged last.
        self.totals: Figures = {}
        self.started = time.monotonic()

    def log(self, message: str) -> None:
        print(f"[{time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def record(self, name: str, figures: Figures) -> None:
        self.runs.setdefault(name, []).append(figures)

    def repeat(self, name: str, run: Run) -> None:
        """`runs` measured runs, then one profiled run (not counted) if profiling."""
        for index in range(self.plan.runs):
            figures, _ = run(index, None)
            self.record(name, figures)
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
        merged.update(self.totals)
        return merged

"""What a bench run leaves behind: the printed table and bench/results/latest.json."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from bench.plan import Figures
from bench.registry import Part, Target, all_targets, table_rows
from bench.runner import Bench


def verdict(key: str, figures: Figures, targets: dict[str, Target]) -> str:
    if key not in targets:
        return ""
    op, target, _ = targets[key]
    value = figures.get(key)
    if not isinstance(value, int | float):
        return "MISS (no value)"
    met = value >= target if op == ">=" else value <= target
    return "met" if met else "MISS"


def render_table(figures: Figures, parts: list[Part]) -> str:
    targets = all_targets(parts)
    rows = [("figure", "key", "median", "target")]
    for key, label in table_rows(parts):
        if key not in figures:
            continue
        value = figures[key]
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        target = f"{targets[key][2]}: {verdict(key, figures, targets)}" if key in targets else ""
        rows.append((label, key, shown, target))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def build_report(bench: Bench, parts: list[Part], meta: dict[str, Any]) -> dict[str, Any]:
    """The medians, the targets with their verdicts, every run, profiles and `meta`."""
    figures = bench.figures()
    targets = all_targets(parts)
    report: dict[str, Any] = dict(figures)
    report["targets"] = {
        key: {"target": text, "value": figures.get(key), "verdict": verdict(key, figures, targets)}
        for key, (_, _, text) in targets.items()
        if key in figures
    }
    report["runs"] = bench.runs
    report["profiles"] = bench.profiles
    report["meta"] = {
        **meta,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "elapsed_s": round(time.monotonic() - bench.started, 1),
    }
    return report


def save_and_print(bench: Bench, parts: list[Part], meta: dict[str, Any], output: Path) -> None:
    report = build_report(bench, parts, meta)
    figures = bench.figures()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, sort_keys=False) + "\n")
    print(render_table(figures, parts))
    print("\nwhat bounds each figure (last run):")
    for key, value in figures.items():
        if key.endswith("_bound"):
            print(f"  {key[: -len('_bound')]}: {value}")
    print(f"\nsaved to {output} ({report['meta']['elapsed_s']} s)")

"""The bench parts: one place that lists what `python -m bench` runs.

A part is a function `(bench, tmp_dir) -> None` that records its runs on the `Bench`, with the
rows it adds to the printed table and the targets its figures are held to. To add one, write a
module under `bench/parts/` that decorates its function with `@part(...)`; `load_parts()`
imports every module there, so no other file changes:

    @part("auth", rows=[("rest_auth_per_s", "REST heartbeat with a token, req/s")], order=40)
    def auth_benchmarks(bench: Bench, tmp: Path) -> None:
        bench.repeat("rest_auth", lambda i, profile: (measure(bench.plan), None))

`python -m bench --only auth` runs just that part; parts with `default=False` run only when
named.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bench.runner import Bench

PartRun = Callable[[Bench, Path], None]
# key -> (comparison ">=" or "<=", target value, what it means)
Target = tuple[str, float, str]


@dataclass(frozen=True)
class Part:
    name: str
    run: PartRun
    rows: tuple[tuple[str, str], ...] = ()  # (figure key, label) for the printed table
    targets: Mapping[str, Target] = field(default_factory=dict)
    order: int = 100  # parts run, and print, by (order, name)
    default: bool = True  # run without --only


PARTS: dict[str, Part] = {}


def part(
    name: str,
    *,
    rows: Iterable[tuple[str, str]] = (),
    targets: Mapping[str, Target] | None = None,
    order: int = 100,
    default: bool = True,
) -> Callable[[PartRun], PartRun]:
    """Registers the decorated function as the part `name`."""

    def register(run: PartRun) -> PartRun:
        if name in PARTS and PARTS[name].run is not run:
            raise ValueError(f"two bench parts are named {name!r}")
        PARTS[name] = Part(name, run, tuple(rows), dict(targets or {}), order, default)
        return run

    return register


def load_parts() -> list[Part]:
    """Imports every module of bench.parts (each registers its parts) and lists them in order."""
    package = importlib.import_module("bench.parts")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(PARTS.values(), key=lambda p: (p.order, p.name))


def table_rows(parts: Iterable[Part]) -> list[tuple[str, str]]:
    return [row for p in parts for row in p.rows]


def all_targets(parts: Iterable[Part]) -> dict[str, Target]:
    return {key: target for p in parts for key, target in p.targets.items()}

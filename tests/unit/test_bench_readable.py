"""bench/ stays in readable pieces (issue 8 part 7): no function longer than 60 lines.

Counted from the `def` line to the function's last line, decorators and docstring included;
a nested function counts inside its parent too, so a long body cannot hide in closures.
"""

from __future__ import annotations

import ast
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
MAX_LINES = 60


def long_functions(root: Path, limit: int) -> list[str]:
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_bench_function_is_longer_than_60_lines() -> None:
    assert long_functions(BENCH_DIR, MAX_LINES) == []


def test_parts_register_themselves_in_one_list() -> None:
    from bench.registry import load_parts

    parts = load_parts()
    assert [p.name for p in parts][:3] == ["heartbeats", "rest", "restart"]
    for registered in parts:
        rows = {key for key, _ in registered.rows}
        assert set(registered.targets) <= rows, f"{registered.name}: a target with no table row"

"""The agent library's modules import each other without a circle (issue 8 part 6)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

AGENT_DIR = Path(__file__).resolve().parents[2] / "clients" / "python" / "rolecall" / "agent"
PACKAGE = "rolecall.agent"


def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports (even under TYPE_CHECKING)."""
    graph: dict[str, set[str]] = {}
    for path in AGENT_DIR.glob("*.py"):
        if path.stem == "__init__":
            continue
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE + "."):
                imported.add((node.module or "").removeprefix(PACKAGE + "."))
        graph[path.stem] = imported
    return graph


def test_agent_modules_form_no_import_circle() -> None:
    graph = import_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"import circle: {error.args[1]}") from None
    assert order.index("stream") < order.index("agent") < order.index("sync")
    assert "agent" not in graph["stream"]

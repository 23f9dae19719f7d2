"""The import graph of server/ follows the layers of issue 8: domain ← services ← api ← app.

Read with `ast`, not by importing, so a lazy import inside a function counts like any other.
The layers, lowest first (a module may import its own layer and the ones its row allows):

    domain         pure synchronous rules: imports nothing else of server/
    store          the Store interface and its backends: domain (its errors)
    observability  metrics, logs, metered store, failover observer: domain, store
    services       async use cases: domain, store, observability (the hooks they call)
    api            servicers and interceptors: domain, services, observability
    gateway        Envoy config and supervision, beside api: domain, api (what the API serves
                   and its error bodies), never services/store: Envoy talks to the API only
    app            composition root: all of the above
    cli            `rolecall` commands: everything (it builds the app)

Besides the layers: no import cycle among server modules (module-level imports), and
server/domain has no asyncio and no HTTP path or Envoy/REST header name in its strings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVER = Path(__file__).resolve().parents[2] / "server"

ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset({"domain"}),
    "store": frozenset({"store", "domain"}),
    "observability": frozenset({"observability", "domain", "store"}),
    "services": frozenset({"services", "domain", "store", "observability"}),
    "api": frozenset({"api", "domain", "services", "observability"}),
    "gateway": frozenset({"gateway", "domain", "api"}),
    "app": frozenset({"app", "domain", "store", "services", "observability", "api", "gateway"}),
    "cli": frozenset(
        {"cli", "app", "domain", "store", "services", "observability", "api", "gateway"}
    ),
}
# Top-level modules of server/ that are not packages, and the layer they belong to.
ROOT_MODULES = {
    "server": "app",
    "server.app": "app",
    "server.cli": "cli",
    "server.cli_commands": "cli",
}

# HTTP-only names: REST paths and the headers only Envoy or REST clients send. (`authorization`
# is also the gRPC metadata key of the bearer token, so a domain hint may name it.)
HTTP_STRING = re.compile(
    r"(?i)/v[0-9]+/|/api/|x-envoy|x-request-id|x-rolecall|x-auth-token|x-json|grpc-status"
)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported server module, dotted
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SERVER.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SERVER.rglob("*.py"))}


def layer_of(module: str) -> str:
    if module in ROOT_MODULES:
        return ROOT_MODULES[module]
    return module.split(".")[1]


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(), str(path))
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(inner) for fn in functions for inner in ast.walk(fn) if inner is not fn}
    nested |= {id(fn) for fn in functions}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            # `from server.domain import clock` imports the module server.domain.clock
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            if target == "server" or target.startswith("server."):
                yield Import(module, target, node.lineno, id(node) in nested)


def known(target: str, names: dict[str, Path]) -> str | None:
    """The server module `target` names (a module, or a name in one), or None."""
    while target and target not in names:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> list[Import]:
    names = modules()
    edges: dict[Import, None] = {}  # ordered set: one edge per import statement and module
    for module, path in names.items():
        for edge in imports_of(module, path):
            target = known(edge.target, names)
            if target is not None and target != module:
                edges[Import(module, target, edge.line, edge.in_function)] = None
    return list(edges)


def test_every_server_module_has_a_layer() -> None:
    unknown = [m for m in modules() if m not in ROOT_MODULES and layer_of(m) not in ALLOWED]
    assert unknown == [], "add the new package to ALLOWED in tests/unit/test_layers.py"


def test_imports_point_down_the_layers() -> None:
    wrong = [
        f"{e.source}:{e.line} imports {e.target}"
        + (" (inside a function)" if e.in_function else "")
        for e in graph()
        if layer_of(e.target) not in ALLOWED[layer_of(e.source)]
    ]
    assert wrong == []


def test_no_import_cycle_among_server_modules() -> None:
    edges: dict[str, set[str]] = {}
    for edge in graph():
        if not edge.in_function:
            edges.setdefault(edge.source, set()).add(edge.target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_lazy_import_closes_a_circle() -> None:
    """An import inside a function is still an arrow: it may not point back at its importer."""
    module_level = {(e.source, e.target) for e in graph() if not e.in_function}
    reachable: dict[str, set[str]] = {}
    for source, target in module_level:
        reachable.setdefault(source, set()).add(target)
    changed = True
    while changed:
        changed = False
        for targets in reachable.values():
            more = set().union(*(reachable.get(t, set()) for t in targets)) - targets
            if more:
                targets |= more
                changed = True
    back = [
        f"{e.source}:{e.line} imports {e.target} inside a function"
        for e in graph()
        if e.in_function and e.source in reachable.get(e.target, set())
    ]
    assert back == []


def test_domain_is_synchronous_and_knows_no_http() -> None:
    found = []
    for module, path in modules().items():
        if layer_of(module) != "domain":
            continue
        tree = ast.parse(path.read_text(), str(path))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if any(n.split(".")[0] in {"asyncio", "grpc", "aiohttp"} for n in names):
                    found.append(f"{module}:{node.lineno} imports {names}")
            elif isinstance(node, ast.AsyncFunctionDef | ast.Await):
                found.append(f"{module}:{node.lineno} is async")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and HTTP_STRING.search(node.value)
            ):
                found.append(f"{module}:{node.lineno} names {node.value!r}")
    assert found == []

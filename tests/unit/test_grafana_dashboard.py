"""The Grafana dashboard queries exactly the metrics rolecall exports."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from server.observability.metrics import Metrics

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "rolecall.json"

_IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
_LABEL_MATCHERS = re.compile(r"\{[^}]*\}")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_RANGES = re.compile(r"\[[^\]]*\]")
_STRINGS = re.compile(r'"[^"]*"')
_KEYWORDS = {"by", "without", "on", "ignoring", "bool", "and", "or", "unless", "offset", "le"}


def queries(node: Any) -> Iterator[str]:
    """Every PromQL query in the dashboard: panel targets and variable queries."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("expr", "definition") and isinstance(value, str):
                yield value
            else:
                yield from queries(value)
    elif isinstance(node, list):
        for item in node:
            yield from queries(item)


def metric_names(query: str) -> set[str]:
    """The metric names a PromQL query reads (not functions, labels, keywords or variables)."""
    text = _STRINGS.sub("", _RANGES.sub("", _GROUPING.sub("", _LABEL_MATCHERS.sub("", query))))
    text = re.sub(r"\$\w+", "", text)
    names = set()
    for match in _IDENTIFIER.finditer(text):
        rest = text[match.end() :].lstrip()
        if rest.startswith("(") or match.group() in _KEYWORDS:
            continue  # a function call or an operator keyword
        names.add(match.group())
    return names


def test_the_name_extraction_skips_functions_labels_and_variables() -> None:
    query = (
        'histogram_quantile(0.99, sum by (le, grpc_method) (rate(x_bucket{instance=~"$i",'
        'grpc_type="unary"}[$__rate_interval]))) / y_total'
    )
    assert metric_names(query) == {"x_bucket", "y_total"}
    assert metric_names("label_values(rolecall_live_sessions, instance)") == {
        "rolecall_live_sessions",
        "instance",
    }


def test_every_query_names_an_exported_metric_and_every_rolecall_metric_is_shown() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    exported = Metrics().names()
    used: set[str] = set()
    for query in queries(dashboard):
        names = metric_names(query)
        if query.startswith("label_values("):
            names.discard("instance")  # label_values(metric, label)
        unknown = names - exported
        assert not unknown, f"{query!r} reads metrics rolecall does not export: {unknown}"
        used |= names
    ours = {n for n in exported if n.startswith("rolecall_")}
    families = {re.sub(r"_(bucket|sum|count)$", "", n) for n in ours}
    shown = {re.sub(r"_(bucket|sum|count)$", "", n) for n in used}
    assert families <= shown, f"metrics without a panel: {sorted(families - shown)}"
    grpc_metrics = {"grpc_server_handled_total", "grpc_server_started_total"}
    assert grpc_metrics <= used and "grpc_server_handling_seconds_bucket" in used

"""A real `rolecall serve --metrics-port 0 --log-format json` (gRPC + Envoy): the metrics port
lists every metric, a failover driven through REST moves them, and the log is JSON lines."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e

# Every metric the README lists (the names a `curl` of the metrics port must show).
METRIC_NAMES = (
    "grpc_server_started_total",
    "grpc_server_handled_total",
    "grpc_server_handling_seconds",
    "rolecall_open_streams",
    "rolecall_heartbeat_messages_total",
    "rolecall_session_heartbeats_total",
    "rolecall_role_changes_total",
    "rolecall_deadline_to_push_seconds",
    "rolecall_deadline_heap_size",
    "rolecall_store_commit_seconds",
    "rolecall_store_commit_failures_total",
    "rolecall_event_loop_lag_seconds",
    "rolecall_failover_groups",
    "rolecall_ttl_sessions",
    "rolecall_jobs",
    "rolecall_job_sessions",
    "rolecall_live_sessions",
    "process_cpu_seconds_total",
)
GROUPS = "/api/v1/tenants/acme/namespaces/plant1/clientfailover/groups"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    extra = ["--metrics-port", "0", "--log-format", "json", "--log-level", "INFO"]
    proc = RolecallProcess(tmp_path_factory.mktemp("metrics") / "data", extra_args=extra).start()
    yield proc
    proc.stop()


def scrape(server: RolecallProcess) -> Samples:
    text = httpx.get(server.metrics_url).text
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels`."""
    want = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and want <= ls)


def log_lines(server: RolecallProcess) -> list[dict[str, Any]]:
    return [json.loads(line) for line in server.output if line.startswith("{")]


def test_the_metrics_port_shows_every_metric(server: RolecallProcess) -> None:
    assert server.metrics_url.startswith("http://127.0.0.1:")
    reply = httpx.get(server.metrics_url)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain")
    missing = [name for name in METRIC_NAMES if f"# HELP {name} " not in reply.text]
    assert not missing


def heartbeat(http: httpx.Client, session: str) -> int:
    reply = http.post(f"{GROUPS}/g/clientsessions/{session}", json={"PercentHealthyStreams": 50})
    assert reply.status_code == 200, reply.text
    role: int = reply.json()["Role"]
    return role


def test_a_failover_moves_the_metrics_and_logs_json_lines(server: RolecallProcess) -> None:
    before = scrape(server)
    with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
        created = http.post(GROUPS, json={"Id": "g", "Milliseconds": 600})
        assert created.status_code == 200, created.text
        for session in ("a", "b"):
            reply = http.post(f"{GROUPS}/g/clientsessions", json={"Id": session})
            assert reply.status_code == 200, reply.text
        assert wait_until(lambda: heartbeat(http, "a") == 1, timeout=5, interval=0.05)
        assert heartbeat(http, "b") == 0
        # a stops; b keeps heartbeating and takes over once a's deadline passes.
        assert wait_until(lambda: heartbeat(http, "b") == 1, timeout=10, interval=0.1)
        missing = http.get(f"{GROUPS}/nope", headers={"x-request-id": "e2e-req-1"})
        assert missing.status_code == 404
    time.sleep(0.6)  # one event-loop lag sample at least
    after = scrape(server)

    def moved(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    failover = {"grpc_service": "rolecall.failover.v1.ClientFailoverService"}
    assert moved("grpc_server_handled_total", grpc_method="SendGroupHeartbeat", **failover) >= 3
    assert moved("grpc_server_handled_total", grpc_method="GetGroup", grpc_code="NOT_FOUND") == 1
    assert moved("grpc_server_handling_seconds_count", grpc_method="CreateGroup") == 1
    assert moved("grpc_server_handling_seconds_bucket", grpc_method="CreateGroup", le="+Inf") == 1
    assert moved("rolecall_heartbeat_messages_total", api="v1") >= 3
    assert moved("rolecall_session_heartbeats_total", api="v1") >= 3
    assert moved("rolecall_store_commit_seconds_count") >= 3
    assert moved("rolecall_event_loop_lag_seconds_count") >= 1
    assert moved("rolecall_role_changes_total") >= 2  # a Primary; then b pending, then Primary
    assert moved("rolecall_deadline_to_push_seconds_count") >= 1
    assert total(after, "rolecall_failover_groups") >= 1

    lines = log_lines(server)
    errors = [line for line in lines if line.get("request_id") == "e2e-req-1"]
    assert len(errors) == 1
    assert errors[0]["group"] == "nope" and errors[0]["tenant"] == "acme"
    assert missing.json()["OperationId"] == "e2e-req-1"  # the same id as the client's
    changes = [line for line in lines if line.get("group") == "g" and "cause" in line]
    assert {line["session"] for line in changes} >= {"a", "b"}
    assert all({"tenant", "epoch", "role"} <= line.keys() for line in changes)

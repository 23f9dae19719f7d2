"""`--output json|table` on every list/get command and `rolecall status`, against a real
`rolecall serve` (gRPC only) with a real agent heartbeating."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.test_cli import CLIENT_ENV, Running, cli
from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    proc = RolecallProcess(tmp_path_factory.mktemp("cli-out") / "data", gateway=False).start()
    CLIENT_ENV["ROLECALL_TOKEN"] = proc.token  # the CLI processes authenticate as its admin
    yield proc
    proc.stop()


def test_every_list_and_get_command_takes_output(server: RolecallProcess) -> None:
    t = ("--target", server.grpc_target, "--tenant", "out", "--namespace", "n1")
    assert cli("groups", "create", "g1", "--timeout", "00:00:05", *t).returncode == 0
    for command in (("groups", "list"), ("groups", "get", "g1"), ("sessions", "list")):
        as_json = cli(*command, "--output", "json", *t)
        assert as_json.returncode == 0, as_json.stderr
        json.loads(as_json.stdout)
        assert cli(*command, "-o", "json", *t).stdout == as_json.stdout
        table = cli(*command, "--output", "table", *t)
        assert table.returncode == 0
        assert table.stdout == cli(*command, *t).stdout  # table is the default
        assert any(line.split()[:1] in (["ID"], ["SESSION"]) for line in table.stdout.splitlines())
    assert json.loads(cli("groups", "get", "g1", "-o", "json", *t).stdout)["Id"] == "g1"
    refused = cli("groups", "list", "--output", "yaml", *t)
    assert refused.returncode == 2 and "invalid choice" in refused.stderr


def test_status_shows_groups_roles_heartbeats_and_streams(server: RolecallProcess) -> None:
    t = ("--target", server.grpc_target, "--tenant", "out", "--namespace", "n2")
    # A 3 s timeout: the agent heartbeats every second, so its score shows within one.
    assert cli("groups", "create", "g", "--timeout", "00:00:03", *t).returncode == 0
    agent = Running("agent", "g", "a", "--score", "70", *t)
    try:
        assert wait_until(lambda: agent.saw("role PRIMARY"), 15)

        def status_json() -> dict[str, Any]:
            found: dict[str, Any] = json.loads(cli("status", "-o", "json", *t).stdout)
            return found

        def client_score() -> float:
            namespaces = status_json()["namespaces"]
            return float(namespaces[0]["groups"][0]["clients"][0]["score"]) if namespaces else -1

        assert wait_until(lambda: client_score() == 70, 10)
        status = status_json()
        [namespace] = status["namespaces"]
        assert (namespace["tenantId"], namespace["namespaceId"]) == ("out", "n2")
        [group] = namespace["groups"]
        assert group["groupId"] == "g" and group["primarySessionId"] == "a"
        assert group["epoch"] >= 1 and group["pendingPrimarySessionId"] == ""
        [client] = group["clients"]
        assert client["sessionId"] == "a" and client["role"] == "CLIENT_ROLE_PRIMARY"
        assert client["live"] and 0 <= client["heartbeatAgeSeconds"] < 3
        assert {"service": "HeartbeatStream", "count": 1} in status["streams"]
        assert status["ttlSessionCount"] == 0

        table = cli("status", *t).stdout
        assert "out/n2 group g epoch" in table and "primary a" in table
        assert any(line.split()[:3] == ["a", "Primary", "yes"] for line in table.splitlines())
        assert "live streams: HeartbeatStream 1" in table and "TTL sessions: 0" in table
    finally:
        agent.stop()

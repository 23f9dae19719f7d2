"""The Node client (clients/node) against a real `rolecall serve`: it sees a failover.

The client is installed from its lock file (`npm ci`, offline first, skipped when node_modules
already matches the lock file), loads the generated descriptor set, and prints one line per role
change. Two clients share a group; the Primary is killed without a goodbye, and the other must
become PendingPrimary, then Primary with a higher epoch.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

CLIENT_DIR = Path(__file__).resolve().parents[2] / "clients" / "node"
ROLE_LINE = re.compile(r"^role (SECONDARY|PRIMARY|PENDING_PRIMARY) epoch (\d+)( push)?$")
WAIT = 10.0  # seconds; every step takes well under one


def _packages(lock_file: Path) -> dict[str, Any]:
    packages: dict[str, Any] = json.loads(lock_file.read_text())["packages"]
    packages.pop("", None)  # the root package itself; the hidden lock file has no entry for it
    return packages


def _installed() -> bool:
    """True when node_modules holds exactly what package-lock.json pins (npm's hidden lock file)."""
    hidden = CLIENT_DIR / "node_modules" / ".package-lock.json"
    return hidden.exists() and _packages(hidden) == _packages(CLIENT_DIR / "package-lock.json")


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, with the client's dependencies installed from its lock file."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run the Node client")
    if not _installed():
        result = subprocess.run(
            [npm, "ci", "--prefer-offline", "--no-audit", "--no-fund"],
            cwd=CLIENT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return node


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolecallProcess]:
    """A real `rolecall serve` without Envoy: the Node client speaks gRPC directly.

    Auth is off until the Node client sends ROLECALL_TOKEN (its start passes `server.env`)."""
    proc = RolecallProcess(
        tmp_path_factory.mktemp("rolecall") / "data", gateway=False, auth=False
    ).start()
    yield proc
    proc.stop()


@pytest.fixture
def stub(server: RolecallProcess) -> Iterator[failover_pb2_grpc.ClientFailoverServiceStub]:
    with server.channel() as channel:
        yield failover_pb2_grpc.ClientFailoverServiceStub(channel)


@dataclass
class Role:
    name: str
    epoch: int
    push: bool


@dataclass
class NodeClient:
    """One `node heartbeat.js` process; its stdout lines are read by a thread as they come."""

    proc: subprocess.Popen[str]
    stderr_path: Path
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    _pump: threading.Thread = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._pump = threading.Thread(target=self._read_stdout, daemon=True)
        self._pump.start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.lines.put(line.rstrip("\n"))

    def next_role(self) -> Role:
        try:
            line = self.lines.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"no role line within {WAIT} s; stderr: {self.stderr_path.read_text()}")
        match = ROLE_LINE.match(line)
        assert match is not None, line
        return Role(match.group(1), int(match.group(2)), match.group(3) is not None)

    def signal(self, signum: signal.Signals) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signum)

    def wait(self) -> int:
        return self.proc.wait(WAIT)

    def kill(self) -> None:
        """SIGKILL if still running, then reap it and close its pipe."""
        self.signal(signal.SIGKILL)
        self.proc.wait(WAIT)
        self._pump.join(WAIT)


Start = Callable[[str, str, str], NodeClient]


@pytest.fixture
def start_client(node: str, server: RolecallProcess, tmp_path: Path) -> Iterator[Start]:
    """Starts Node clients; every one still running at the end is killed by its pid."""
    started: list[NodeClient] = []

    def start(tenant: str, group: str, session: str) -> NodeClient:
        stderr_path = tmp_path / f"{session}.stderr"
        with stderr_path.open("w") as stderr:
            proc = subprocess.Popen(
                [
                    node,
                    str(CLIENT_DIR / "heartbeat.js"),
                    "--target",
                    server.grpc_target,
                    "--tenant",
                    tenant,
                    "--namespace",
                    "n1",
                    "--group",
                    group,
                    "--session",
                    session,
                ],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=server.env,
            )
        client = NodeClient(proc, stderr_path)
        started.append(client)
        return client

    yield start
    for client in started:
        client.kill()


def create_group(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, tenant: str, milliseconds: float
) -> str:
    stub.CreateGroup(
        pb.CreateGroupRequest(
            tenant_id=tenant,
            namespace_id="n1",
            group=pb.GroupConfiguration(id="g1", name="Node", milliseconds=milliseconds),
        ),
        timeout=WAIT,
    )
    return "g1"


@pytest.fixture
def tenant() -> str:
    """A fresh tenant per test, so tests sharing one server never collide."""
    return f"t-{uuid.uuid4().hex[:8]}"


def test_node_client_sees_failover_when_primary_dies(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, start_client: Start, tenant: str
) -> None:
    group = create_group(stub, tenant, milliseconds=500)

    first = start_client(tenant, group, "a")
    primary = first.next_role()
    assert (primary.name, primary.push) == ("PRIMARY", False)

    second = start_client(tenant, group, "b")
    standby = second.next_role()
    assert (standby.name, standby.epoch) == ("SECONDARY", primary.epoch)

    first.signal(signal.SIGKILL)  # a crash: no goodbye, the group waits for the timeout
    first.wait()

    pending = second.next_role()
    assert (pending.name, pending.push) == ("PENDING_PRIMARY", True)
    promoted = second.next_role()
    assert promoted.name == "PRIMARY"
    assert promoted.epoch > primary.epoch


def test_node_client_says_goodbye_on_sigterm(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, start_client: Start, tenant: str
) -> None:
    # A 30 s timeout: only the goodbye can take the Primary role away within this test.
    group = create_group(stub, tenant, milliseconds=30_000)
    client = start_client(tenant, group, "c")
    assert client.next_role().name == "PRIMARY"

    client.signal(signal.SIGTERM)
    assert client.wait() == 0

    state = stub.GetGroup(
        pb.GetGroupRequest(tenant_id=tenant, namespace_id="n1", group_id=group), timeout=WAIT
    )
    assert state.clients["c"].role == pb.CLIENT_ROLE_SECONDARY


def test_node_client_typechecks_against_generated_types(node: str) -> None:
    """heartbeat.js uses the TypeScript types in generated/ts; a stale or mismatched type fails."""
    tsc = CLIENT_DIR / "node_modules" / "typescript" / "bin" / "tsc"
    result = subprocess.run(
        [node, str(tsc), "-p", str(CLIENT_DIR)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr

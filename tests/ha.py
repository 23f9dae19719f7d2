"""Several `rolecall serve` replicas on one real etcd cluster, and a client that follows owners.

Used by the HA e2e test and the HA benchmark. Every process runs on free loopback ports and is
stopped by its process id.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from rolecall.failover.v1 import failover_pb2, failover_pb2_grpc

from tests.etcd_cluster import EtcdCluster
from tests.harness import RolecallProcess, aio_channel
from tests.history import History, Told

OWNER_HEADER = "x-rolecall-owner"


@dataclass
class HaCluster:
    """An etcd cluster plus rolecall replicas on it (all under one key prefix)."""

    base_dir: Path
    lease_ttl: int = 2
    shards: int = 64
    gateway: bool = True
    # Off for load generators that send no token (the benchmarks).
    auth: bool = True
    # Given: replicas use this (shared) cluster under their own prefix and leave it running.
    etcd: EtcdCluster | None = None
    # More `rolecall serve` flags for every replica (TLS, metrics).
    extra_args: list[str] = field(default_factory=list)
    replicas: list[RolecallProcess] = field(default_factory=list)
    prefix: str = field(default_factory=lambda: f"ha-{uuid.uuid4().hex[:8]}")
    _names: Iterator[int] = field(default_factory=itertools.count)
    _own_etcd: bool = False

    def start(self, replicas: int = 3) -> HaCluster:
        if self.etcd is None:
            self._own_etcd = True
            self.etcd = EtcdCluster(self.base_dir / "etcd").start()
        for _ in range(replicas):
            self.add_replica()
        return self

    @property
    def store_url(self) -> str:
        assert self.etcd is not None
        return f"{self.etcd.url}/{self.prefix}"

    def add_replica(self) -> RolecallProcess:
        name = f"r{next(self._names)}"
        args = [
            "--store",
            self.store_url,
            "--lease-ttl",
            str(self.lease_ttl),
            "--shards",
            str(self.shards),
            *self.extra_args,
        ]
        data_dir = self.base_dir / name
        if self.replicas and self.auth:
            # Replicas share the signing keys (the operator copies <data dir>/auth to each), so
            # a token works on every replica; issued and revoked tokens are in the shared store.
            shutil.copytree(self.replicas[0].data_dir / "auth", data_dir / "auth")
        proc = RolecallProcess(data_dir, gateway=self.gateway, extra_args=args, auth=self.auth)
        self.replicas.append(proc.start())
        proc.token = self.replicas[0].token
        return proc

    @property
    def targets(self) -> list[str]:
        return [r.grpc_target for r in self.replicas if r.proc is not None]

    def stop(self) -> None:
        for replica in self.replicas:
            replica.stop()
        if self.etcd is not None and self._own_etcd:
            self.etcd.stop()


@dataclass(frozen=True, slots=True)
class Answer:
    """One heartbeat answer a client got: when, from which replica, what it said."""

    at: float
    phase: int
    group: str
    session: str
    role: int
    epoch: int
    replica: str


class OwnerFollowingClient:
    """gRPC calls for failover groups that follow NOT_OWNER redirects to the group's owner and
    move on to another replica when one is down; it remembers the owner per group."""

    def __init__(
        self,
        targets: list[str],
        tenant: str = "acme",
        namespace: str = "ha",
        token: str | None = None,
    ) -> None:
        self.targets = list(targets)
        self.token = token
        self.tenant, self.namespace = tenant, namespace
        self.owner: dict[str, str] = {}
        self._stubs: dict[str, tuple[grpc.aio.Channel, Any]] = {}
        self._next = itertools.count()
        self.answers: list[Answer] = []
        self.redirects = 0
        # Set by the test between failures: answers carry it (see `history`).
        self.phase = 0

    def _stub(self, target: str) -> Any:
        if target not in self._stubs:
            channel = aio_channel(target, self.token)
            self._stubs[target] = (channel, failover_pb2_grpc.ClientFailoverServiceStub(channel))
        return self._stubs[target][1]

    async def close(self) -> None:
        for channel, _ in self._stubs.values():
            await channel.close(None)

    async def call(self, group: str, method: str, request: Any, limit: float = 20.0) -> Any:
        deadline = time.monotonic() + limit
        target = self.owner.get(group) or self.targets[next(self._next) % len(self.targets)]
        while True:
            try:
                answer = await getattr(self._stub(target), method)(request, timeout=2.0)
            except grpc.aio.AioRpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                    raise
                trailing: Any = error.trailing_metadata() or ()
                owner = dict(trailing).get(OWNER_HEADER)
                if isinstance(owner, str) and owner and owner != target:
                    self.redirects += 1
                    target = owner
                    continue
                # Down, or its shard is moving: try another replica in a moment.
                target = self.targets[next(self._next) % len(self.targets)]
                await asyncio.sleep(0.1)
                continue
            self.owner[group] = target
            return answer

    async def create_group(self, group: str, failover_timeout: str, sessions: list[str]) -> None:
        config = failover_pb2.GroupConfiguration(id=group, failover_timeout=failover_timeout)
        await self.call(
            group,
            "CreateGroup",
            failover_pb2.CreateGroupRequest(
                tenant_id=self.tenant, namespace_id=self.namespace, group=config
            ),
        )
        for session in sessions:
            await self.call(
                group,
                "CreateClientSession",
                failover_pb2.CreateClientSessionRequest(
                    tenant_id=self.tenant,
                    namespace_id=self.namespace,
                    group_id=group,
                    client_session=failover_pb2.ClientSession(id=session, name=session),
                ),
            )

    async def heartbeat(self, group: str, session: str, score: float = 100.0) -> Answer:
        answer = await self.call(
            group,
            "SendHeartbeat",
            failover_pb2.SendHeartbeatRequest(
                tenant_id=self.tenant,
                namespace_id=self.namespace,
                group_id=group,
                session_id=session,
                heartbeat=failover_pb2.FailoverHeartbeat(failover_status=score),
            ),
        )
        got = Answer(
            time.monotonic(),
            self.phase,
            group,
            session,
            int(answer.role),
            int(answer.epoch),
            self.owner[group],
        )
        self.answers.append(got)
        return got


def history(answers: list[Answer]) -> History:
    """The answers as the fencing history checker's events (tests/history.py): a phase of the
    HA run (before a kill, after it, ...) stands for a server run, so "epochs never go back
    across restarts" becomes "across failures"."""
    recorded = History()
    for a in sorted(answers, key=lambda a: a.at):
        recorded.record(Told(a.phase, a.group, a.session, "answer", a.role, a.epoch))
    return recorded

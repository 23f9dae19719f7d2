"""A Jepsen-style history of failover: drive a real `rolecall serve`, record what every client
was told, kill -9 it now and then, and check the fencing promises on the whole history.

The driver runs several groups x several clients: gRPC HeartbeatStream clients (answers and
pushes) and REST pollers through Envoy (v1-preview heartbeats), with random heartbeat gaps
around short timeouts (so Primaries are lost and taken over all the time), score changes
(handovers), goodbyes, deletes and re-creates of whole groups under the same id, and `kill -9`
of the server (and its Envoy) at random moments, one of them right after a client was told it
is Primary; each restart serves the same data directory on fresh ports.

The checks (`History.check`):
1. no two clients were ever told Primary with the same (group, epoch);
2. per group id, the epochs clients are told by a restarted server are never lower than any
   epoch a client was told before the restart;
3. every promotion (a client told Primary at an epoch it was not told Primary at before) was
   preceded by that client being told PendingPrimary (and not Secondary since).

Used by tests/e2e/test_history.py (short) and bench/durability.py (long).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import httpx
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from tests.harness import RolecallProcess

SECONDARY, PRIMARY, PENDING = 0, 1, 2
TENANT, NAMESPACE = "history", "jepsen"
GROUPS_PATH = f"/api/v1/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups"
PREVIEW_PATH = f"/api/v1-preview/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups"


@dataclass(frozen=True, slots=True)
class Told:
    """One role a client was told: by an answer or a push, from server run `run`."""

    run: int
    group: str
    session: str
    source: str  # "answer" or "push"
    role: int
    epoch: int


@dataclass
class Verdict:
    told: int  # roles told (answers and pushes)
    transitions: int  # times a client was told a role or epoch different from its last one
    promotions: int  # times a client was told Primary at an epoch new to it
    violations: list[str]


@dataclass
class History:
    """Everything every client was told, in the order each client received it."""

    events: list[Told] = field(default_factory=list)
    # Set whenever a client is told it is Primary at an epoch new to it (for "kill right after").
    promoted: asyncio.Event = field(default_factory=asyncio.Event)
    _primary_epochs: dict[tuple[str, str], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )

    def record(self, told: Told) -> None:
        self.events.append(told)
        if told.role == PRIMARY:
            epochs = self._primary_epochs[(told.group, told.session)]
            if told.epoch not in epochs:
                epochs.add(told.epoch)
                self.promoted.set()

    def check(self) -> Verdict:
        violations: list[str] = []
        # 1. one Primary per (group, epoch)
        primaries: dict[tuple[str, int], set[str]] = defaultdict(set)
        for told in self.events:
            if told.role == PRIMARY:
                primaries[(told.group, told.epoch)].add(told.session)
        for (group, epoch), sessions in sorted(primaries.items()):
            if len(sessions) > 1:
                violations.append(
                    f"group {group} epoch {epoch}: told Primary to {sorted(sessions)}"
                )
        # 2. epochs never go back across restarts
        by_group_run: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for told in self.events:
            by_group_run[told.group][told.run].append(told.epoch)
        for group, runs in sorted(by_group_run.items()):
            highest_before = -1
            for run in sorted(runs):
                lowest = min(runs[run])
                if lowest < highest_before:
                    violations.append(
                        f"group {group}: run {run} told epoch {lowest} after an earlier run "
                        f"told {highest_before}"
                    )
                highest_before = max(highest_before, max(runs[run]))
        # 3. PendingPrimary before every promotion, per client; and count transitions
        last: dict[tuple[str, str], tuple[int, int]] = {}
        told_pending: dict[tuple[str, str], bool] = defaultdict(bool)
        seen_primary: dict[tuple[str, str], set[int]] = defaultdict(set)
        transitions = promotions = 0
        for told in self.events:
            client = (told.group, told.session)
            if last.get(client) != (told.role, told.epoch):
                transitions += 1
            last[client] = (told.role, told.epoch)
            if told.role == PENDING:
                told_pending[client] = True
            elif told.role == SECONDARY:
                told_pending[client] = False
            elif told.epoch not in seen_primary[client]:
                promotions += 1
                seen_primary[client].add(told.epoch)
                if not told_pending[client]:
                    violations.append(
                        f"group {told.group} session {told.session}: Primary at epoch "
                        f"{told.epoch} (run {told.run}, {told.source}) without PendingPrimary "
                        "first"
                    )
                told_pending[client] = False
        return Verdict(len(self.events), transitions, promotions, violations)


@dataclass
class Plan:
    """What the driver does; the defaults are the short (~1 minute) version."""

    duration: float = 45.0
    groups: int = 4
    stream_clients: int = 2  # per group, on gRPC HeartbeatStreams
    rest_clients: int = 1  # per group, REST pollers through Envoy
    timeout_ms: int = 400
    kills: int = 2
    recreate_every: float = 12.0  # seconds between deletes and re-creates of a group
    seed: int = 0


class Driver:
    """Runs a plan against `rolecall serve` processes on one data directory."""

    def __init__(self, data_dir: Path, plan: Plan, log: Callable[[str], None] = print) -> None:
        self.data_dir = data_dir
        self.plan = plan
        self.log = log
        self.rng = random.Random(plan.seed)
        self.history = History()
        self.server: RolecallProcess | None = None
        self.run = 0
        self.up = asyncio.Event()
        self.done = False
        self.paused: set[str] = set()
        self.kills = 0
        self.recreates = 0
        self.timeout = plan.timeout_ms / 1000

    # -- the server ------------------------------------------------------------------------

    async def start_server(self) -> None:
        server = RolecallProcess(self.data_dir)
        await asyncio.to_thread(server.start)
        self.server = server
        self.run += 1
        self.up.set()

    async def kill_server(self) -> None:
        """kill -9 the server and its Envoy child: a crash of the whole process group."""
        server = self.server
        assert server is not None and server.proc is not None
        self.up.clear()
        children = _children(server.proc.pid)
        server.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.kills += 1
        self.log(f"kill -9 #{self.kills} (run {self.run})")

    def targets(self) -> tuple[int, RolecallProcess, str]:
        """The current run, its server (for channels with the admin token) and REST base."""
        assert self.server is not None
        return self.run, self.server, self.server.http_base

    # -- set-up and group life -------------------------------------------------------------

    def group_ids(self) -> list[str]:
        return [f"g{i}" for i in range(self.plan.groups)]

    def session_ids(self) -> tuple[list[str], list[str]]:
        streams = [f"s{j}" for j in range(self.plan.stream_clients)]
        rests = [f"r{j}" for j in range(self.plan.rest_clients)]
        return streams, rests

    async def create_group(self, http: httpx.AsyncClient, group: str) -> None:
        streams, rests = self.session_ids()
        await self._until_ok(
            http,
            "POST",
            GROUPS_PATH,
            {"Id": group, "Name": group, "Milliseconds": self.plan.timeout_ms},
            ok=(200, 409),
        )
        for session in streams + rests:
            await self._until_ok(
                http, "POST", f"{GROUPS_PATH}/{group}/clientsessions", {"Id": session}, ok=(200,)
            )

    async def _until_ok(
        self,
        http: httpx.AsyncClient,
        method: str,
        path: str,
        body: object | None,
        ok: tuple[int, ...],
    ) -> int:
        while True:
            await self.up.wait()
            _, server, base = self.targets()
            try:
                r = await http.request(method, base + path, json=body, headers=server.headers)
            except httpx.HTTPError:
                await asyncio.sleep(0.05)
                continue
            if r.status_code in ok:
                return r.status_code
            await asyncio.sleep(0.05)

    async def recreate(self, http: httpx.AsyncClient, group: str) -> None:
        """Pause the group's clients (streams say goodbye), wait until none is live, delete
        the group, create it again under the same id with the same sessions, resume."""
        self.paused.add(group)
        await asyncio.sleep(self.timeout * 1.5)
        path = f"{GROUPS_PATH}/{group}"
        while await self._until_ok(http, "DELETE", path, None, (200, 404, 409)) == 409:  # noqa: ASYNC110
            await asyncio.sleep(self.timeout / 2)  # a client still live: wait for its deadline
        await self.create_group(http, group)
        self.recreates += 1
        self.paused.discard(group)

    # -- clients ---------------------------------------------------------------------------

    def gap(self) -> float:
        """Mostly well within the timeout; sometimes around it or well past it."""
        draw = self.rng.random()
        if draw < 0.80:
            return self.timeout * self.rng.uniform(0.15, 0.4)
        if draw < 0.93:
            return self.timeout * self.rng.uniform(0.8, 1.2)
        return self.timeout * self.rng.uniform(1.5, 3.0)

    def score(self) -> float:
        return float(self.rng.choice((50, 50, 50, 60, 70)))

    async def _serving(self, group: str) -> bool:
        """Waits for a server; False (after a short pause) while `group` is paused."""
        await self.up.wait()
        if group in self.paused:
            await asyncio.sleep(0.05)
            return False
        return True

    async def stream_client(self, group: str, session: str) -> None:
        key = pb.ClientSessionKey(
            tenant_id=TENANT, namespace_id=NAMESPACE, group_id=group, session_id=session
        )
        score = self.score()
        while not self.done:
            if not await self._serving(group):
                continue
            run, server, _ = self.targets()
            told_pending = asyncio.Event()
            try:
                async with server.aio_channel() as channel:
                    call = failover_pb2_grpc.ClientFailoverServiceStub(channel).HeartbeatStream()
                    reader = asyncio.create_task(self._read(call, run, told_pending))
                    try:
                        sequence = 0
                        while not self.done and self.run == run and group not in self.paused:
                            if self.rng.random() < 0.05:
                                score = self.score()
                            sequence += 1
                            await call.write(
                                pb.HeartbeatStreamRequest(
                                    sequence=sequence,
                                    heartbeats=[
                                        pb.SessionHeartbeat(key=key, failover_status=score)
                                    ],
                                )
                            )
                            told_pending.clear()
                            with contextlib.suppress(TimeoutError):
                                async with asyncio.timeout(self.gap()):
                                    await told_pending.wait()
                            if told_pending.is_set():  # catch up briefly, then acknowledge
                                await asyncio.sleep(self.rng.uniform(0, self.timeout / 10))
                            elif self.rng.random() < 0.01:
                                await call.write(pb.HeartbeatStreamRequest(goodbyes=[key]))
                                await asyncio.sleep(self.timeout * self.rng.uniform(0.2, 1.0))
                        if group in self.paused:
                            await call.write(pb.HeartbeatStreamRequest(goodbyes=[key]))
                        await call.done_writing()
                        await asyncio.wait_for(reader, self.timeout)
                    finally:
                        reader.cancel()
                        with contextlib.suppress(asyncio.CancelledError, grpc.aio.AioRpcError):
                            await reader
            except (grpc.aio.AioRpcError, TimeoutError, asyncio.InvalidStateError):
                await asyncio.sleep(0.05)

    async def _read(
        self,
        call: grpc.aio.StreamStreamCall[pb.HeartbeatStreamRequest, pb.HeartbeatStreamResponse],
        run: int,
        told_pending: asyncio.Event,
    ) -> None:
        with contextlib.suppress(grpc.aio.AioRpcError):
            async for response in call:
                for role in response.roles:
                    if role.error_reason:
                        continue
                    self.history.record(
                        Told(
                            run,
                            role.key.group_id,
                            role.key.session_id,
                            "push" if response.push else "answer",
                            int(role.role),
                            int(role.epoch),
                        )
                    )
                    if role.role == PENDING:
                        told_pending.set()

    async def rest_client(self, http: httpx.AsyncClient, group: str, session: str) -> None:
        path = f"{PREVIEW_PATH}/{group}/clientsessions/{session}/heartbeat"
        score = self.score()
        while not self.done:
            if not await self._serving(group):
                continue
            run, server, base = self.targets()
            if self.rng.random() < 0.05:
                score = self.score()
            try:
                r = await http.post(
                    base + path, json={"FailoverStatus": score}, headers=server.headers
                )
            except httpx.HTTPError:
                await asyncio.sleep(0.05)
                continue
            gap = self.gap()
            if r.status_code == 200:
                body = r.json()
                told = Told(
                    run,
                    group,
                    session,
                    "answer",
                    int(body.get("Role", 0)),
                    int(body.get("Epoch", 0)),
                )
                self.history.record(told)
                if told.role == PENDING:
                    gap = self.rng.uniform(0, self.timeout / 10)
            await asyncio.sleep(gap)

    # -- the run ---------------------------------------------------------------------------

    async def chaos(self, http: httpx.AsyncClient) -> None:
        """Kills at random moments (the first right after a promotion) and re-creates."""
        duration, started = self.plan.duration, time.monotonic()
        kill_at = sorted(self.rng.uniform(0.15, 0.85) * duration for _ in range(self.plan.kills))
        next_recreate = self.plan.recreate_every
        groups = self.group_ids()
        while (elapsed := time.monotonic() - started) < duration:
            if kill_at and elapsed >= kill_at[0]:
                kill_at.pop(0)
                if self.kills % 2 == 0:  # right after a client was told it is Primary
                    self.history.promoted.clear()
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(10):
                            await self.history.promoted.wait()
                await self.kill_server()
                await self.start_server()
                continue
            if elapsed >= next_recreate:
                next_recreate += self.plan.recreate_every
                asyncio.create_task(self.recreate(http, self.rng.choice(groups)))  # noqa: RUF006
            await asyncio.sleep(0.01)

    async def execute(self) -> Verdict:
        await self.start_server()
        try:
            async with httpx.AsyncClient(timeout=10) as http:
                groups = self.group_ids()
                for group in groups:
                    await self.create_group(http, group)
                streams, rests = self.session_ids()
                clients = [
                    asyncio.create_task(self.stream_client(g, s)) for g in groups for s in streams
                ] + [
                    asyncio.create_task(self.rest_client(http, g, s)) for g in groups for s in rests
                ]
                try:
                    await self.chaos(http)
                finally:
                    self.done = True
                    for task in clients:
                        task.cancel()
                    await asyncio.gather(*clients, return_exceptions=True)
        finally:
            if self.server is not None:
                await asyncio.to_thread(self.server.stop)
        verdict = self.history.check()
        self.log(
            f"history: {verdict.told} roles told, {verdict.transitions} transitions, "
            f"{verdict.promotions} promotions, {self.kills} kills, {self.recreates} re-creates, "
            f"{len(verdict.violations)} violations"
        )
        return verdict


def _children(pid: int) -> list[int]:
    """The direct children of `pid` (Envoy, for a `rolecall serve`)."""
    children: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                children += [int(child) for child in listing.read().split()]
    return children


# -- the reproduction of issue 7: kill -9 right after a promotion --------------------------------


async def kill_right_after_promotion(
    data_dir: Path, tries: int, log: Callable[[str], None] = print
) -> list[str]:
    """Group with a, b, c; a is removed (b becomes PendingPrimary); b heartbeats until it is
    answered Primary at epoch E; kill -9 at once; restart; c heartbeats until it is Primary.
    Answers the tries in which c was told Primary at an epoch <= E (the epoch named two)."""
    violations: list[str] = []
    timeout_ms = 600
    server = RolecallProcess(data_dir, gateway=False)
    await asyncio.to_thread(server.start)
    try:
        for attempt in range(tries):
            group = f"k{attempt}"
            async with server.aio_channel() as channel:
                stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
                await stub.CreateGroup(
                    pb.CreateGroupRequest(
                        tenant_id=TENANT,
                        namespace_id=NAMESPACE,
                        group=pb.GroupConfiguration(id=group, milliseconds=timeout_ms),
                    )
                )
                for session in ("a", "b", "c"):
                    await stub.AddGroupClientSession(
                        pb.AddGroupClientSessionRequest(
                            tenant_id=TENANT,
                            namespace_id=NAMESPACE,
                            group_id=group,
                            session=pb.SessionSummary(id=session),
                        )
                    )

                def beat(session: str) -> Awaitable[pb.FailoverResponse]:
                    return _beat(stub, group, session)  # noqa: B023

                await _until_primary(beat, "a")
                await beat("b")
                await beat("c")
                await stub.RemoveGroupClientSession(
                    pb.RemoveGroupClientSessionRequest(
                        tenant_id=TENANT, namespace_id=NAMESPACE, group_id=group, session_id="a"
                    )
                )
                epoch = await _until_primary(beat, "b")
            server.kill()  # right away: no goodbye, no graceful flush
            server = RolecallProcess(data_dir, gateway=False)
            await asyncio.to_thread(server.start)
            async with server.aio_channel() as channel:
                stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
                c_epoch = await _until_primary(beat, "c", within=10 * timeout_ms / 1000)
            if c_epoch <= epoch:
                violations.append(f"try {attempt}: b and then c told Primary at epoch {c_epoch}")
            log(f"try {attempt}: b Primary at epoch {epoch}, after kill -9 c at epoch {c_epoch}")
    finally:
        await asyncio.to_thread(server.stop)
    return violations


async def _beat(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, group: str, session: str
) -> pb.FailoverResponse:
    reply: pb.FailoverResponse = await stub.SendHeartbeat(
        pb.SendHeartbeatRequest(
            tenant_id=TENANT, namespace_id=NAMESPACE, group_id=group, session_id=session
        )
    )
    return reply


async def _until_primary(
    beat: Callable[[str], Awaitable[pb.FailoverResponse]],
    session: str,
    within: float = 5.0,
    every: float = 0.05,
) -> int:
    """Heartbeat `session` until it is answered Primary; answers that epoch."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        reply = await beat(session)
        if reply.role == PRIMARY:
            return int(reply.epoch)
        await asyncio.sleep(0 if reply.role == PENDING else every)
    raise AssertionError(f"{session} was not told Primary within {within} s")

"""Failover detection: how late after a Primary's deadline its successor hears of it.

`python -m bench.failover_probe` reads a JSON config line on stdin (target, groups, timeout,
limit, streams_per_connection), sets the groups up, prints `{"event": "ready"}`, waits for a
line "go" on stdin, and prints one JSON line with the result. Each group has a Primary (s0)
and a secondary (s1), each on its own HeartbeatStream, heartbeating every timeout/3:

1. the Primaries start, and each becomes Primary on its first answer;
2. the secondaries start and answer as Secondary;
3. on "go", every Primary stops heartbeating (no goodbye, the stream stays open): its deadline,
   taken on this side, is the send time of its last (answered) heartbeat + the timeout;
4. the other session notes when it first hears it is PendingPrimary (a push, or an answer).

Failovers before "go" (the server answered a Primary's heartbeats too late under overload) are
counted as `early_failovers`; a group that failed over that way is measured the other way round
(its Primary now is the one that stops), and one caught between roles is left out.

Lateness = that moment - the deadline. It includes the one-way latency of the Primary's last
heartbeat (the server counts from its receipt), so it errs on the late side.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import grpc
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from bench.messages import stream_request

TARGET_PREFIX = "127.0.0.1:"


@dataclass
class Agent:
    group_id: str
    session_id: str
    interval: float
    call: Any = None
    reader: asyncio.Task[None] | None = None
    sequence: int = 0
    role: int | None = None
    sending: bool = True
    in_flight: deque[tuple[int, float]] = field(default_factory=deque)
    last_sent: float | None = None  # send time of the last heartbeat sent
    last_answered: float | None = None  # send time of the last heartbeat answered
    # From `watch_from` on, when it first heard it is PendingPrimary; before it (after set-up),
    # how often it heard so: failovers nobody caused (heartbeats answered too late).
    watch_from: float | None = None
    pending_at: float | None = None
    early_pending: int = 0
    failed: bool = False

    async def run(self, stub: failover_pb2_grpc.ClientFailoverServiceStub) -> None:
        self.call = stub.HeartbeatStream()
        self.reader = asyncio.create_task(self._read())
        await asyncio.sleep(random.random() * self.interval)
        while self.sending and not self.failed:
            self.sequence += 1
            t = time.monotonic()
            self.in_flight.append((self.sequence, t))
            self.last_sent = t
            await self.call.write(stream_request([(self.group_id, self.session_id)], self.sequence))
            await asyncio.sleep(self.interval)

    async def _read(self) -> None:
        try:
            async for response in self.call:
                t = time.monotonic()
                for role in response.roles:
                    if (
                        role.key.session_id == self.session_id
                        and role.role == pb.CLIENT_ROLE_PENDING_PRIMARY
                    ):
                        if self.watch_from is None:
                            self.early_pending += 1
                        elif t >= self.watch_from and self.pending_at is None:
                            self.pending_at = t
                if response.push:
                    continue
                while self.in_flight and self.in_flight[0][0] <= response.sequence:
                    sequence, sent = self.in_flight.popleft()
                    if sequence == response.sequence:
                        self.last_answered = sent
                if response.roles and not response.roles[0].error_reason:
                    self.role = response.roles[0].role
        except grpc.aio.AioRpcError:
            self.failed = True


async def _wait(predicate: Any, deadline: float) -> bool:
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.005)
    return True


async def probe(config: dict[str, Any]) -> dict[str, Any]:
    timeout = float(config["timeout"])
    interval = timeout / 3
    groups: list[str] = config["groups"]
    per_connection = max(1, int(config["streams_per_connection"]))
    limit_at = time.monotonic() + float(config["limit"])
    channels = [
        grpc.aio.insecure_channel(config["target"])
        for _ in range(-(-2 * len(groups) // per_connection))
    ]
    stubs = [failover_pb2_grpc.ClientFailoverServiceStub(c) for c in channels]
    primaries = [Agent(g, "s0", interval) for g in groups]
    secondaries = [Agent(g, "s1", interval) for g in groups]
    tasks: list[asyncio.Task[None]] = []
    started = time.monotonic()
    outcome: dict[str, Any] = {"groups": len(groups)}
    try:
        for i, agent in enumerate(primaries):
            tasks.append(asyncio.create_task(agent.run(stubs[i // per_connection])))
        ok = await _wait(lambda: all(a.role == pb.CLIENT_ROLE_PRIMARY for a in primaries), limit_at)
        if not ok:
            return {**outcome, "error": "the primaries did not all become Primary in time"}
        for i, agent in enumerate(secondaries):
            stub = stubs[(len(primaries) + i) // per_connection]
            tasks.append(asyncio.create_task(agent.run(stub)))
        ok = await _wait(
            lambda: all(a.role == pb.CLIENT_ROLE_SECONDARY for a in secondaries), limit_at
        )
        if not ok:
            return {**outcome, "error": "the secondaries did not all answer in time"}
        outcome["setup_s"] = time.monotonic() - started
        # Ready: wait for "go" (the measured window of the load has opened), then stop every
        # Primary's heartbeats at once; each one's deadline follows its own last send.
        sys.stdout.write(json.dumps({"event": "ready"}) + "\n")
        sys.stdout.flush()
        go = asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        try:
            await asyncio.wait_for(go, max(0.0, limit_at - time.monotonic()))
        except TimeoutError:
            return {**outcome, "error": "never told to go"}
        outcome["waited_s"] = time.monotonic() - started - outcome["setup_s"]
        # Under overload a group may have failed over already (its Primary's heartbeats were
        # answered too late): stop whichever session is Primary now, watch the other one, and
        # leave out groups that are between roles.
        stopped: list[Agent] = []
        watched: list[Agent] = []
        for a, b in zip(primaries, secondaries, strict=True):
            if a.role == pb.CLIENT_ROLE_PRIMARY and b.role == pb.CLIENT_ROLE_SECONDARY:
                stopped.append(a)
                watched.append(b)
            elif b.role == pb.CLIENT_ROLE_PRIMARY and a.role == pb.CLIENT_ROLE_SECONDARY:
                stopped.append(b)
                watched.append(a)
        go_at = time.monotonic()
        for agent in watched:
            agent.watch_from = go_at
        for agent in stopped:
            agent.sending = False
        await _wait(lambda: all(not a.in_flight for a in stopped), limit_at)
        deadlines = [(a.last_sent or go_at) + timeout for a in stopped]
        end = min(limit_at, max(deadlines, default=go_at) + timeout + 5.0)
        await _wait(lambda: all(a.pending_at is not None for a in watched), end)
        lateness = [
            (w.pending_at - d) * 1000.0
            for w, d in zip(watched, deadlines, strict=True)
            if w.pending_at is not None
        ]
        return {
            **outcome,
            "lateness_ms": lateness,
            "measured_groups": len(watched),
            "unsettled_groups": len(groups) - len(watched),
            "missed": len(watched) - len(lateness),
            "early_failovers": sum(a.early_pending for a in primaries + secondaries),
            "unanswered_last": sum(1 for a in stopped if a.last_sent != a.last_answered),
            "stream_failures": sum(1 for a in primaries + secondaries if a.failed),
        }
    finally:
        for agent in primaries + secondaries:
            agent.sending = False
            if agent.call is not None:
                agent.call.cancel()
            if agent.reader is not None:
                tasks.append(agent.reader)
        for task in tasks:
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*tasks, return_exceptions=True)
        for channel in channels:
            await channel.close(None)


def main() -> int:
    config = json.loads(sys.stdin.readline())
    if not str(config["target"]).startswith(TARGET_PREFIX):
        raise SystemExit(f"refusing target {config['target']}: loopback only")
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
        result = asyncio.run(probe(config))
    else:
        result = uvloop.run(probe(config))
    sys.stdout.write(json.dumps({"event": "result", **result}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

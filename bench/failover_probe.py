"""Failover detection: how late after a Primary's deadline its successor hears of it.

`python -m bench.failover_probe` reads a JSON config line on stdin (target, groups, timeout,
limit, streams_per_connection), sets the groups up, prints `{"event": "ready"}`, waits for a
line "go" on stdin, and prints one JSON line with the result. Each group has a Primary (s0)
and a secondary (s1), each on its own HeartbeatStream, heartbeating every timeout/3:

1. the Primaries start, and each becomes Primary on its second answer (PendingPrimary first);
2. the secondaries start and answer as Secondary;
3. on "go", every Primary stops heartbeating (no goodbye, the stream stays open): its deadline,
   taken on this side, is the send time of its last (answered) heartbeat + the timeout;
4. the other session notes when it first hears it is PendingPrimary (a push, or an answer).

Failovers before "go" are counted as `early_failovers` (each time a session is newly told it
is PendingPrimary), and as `early_failovers_on_schedule` when the Primary it replaces had sent
every heartbeat on schedule (no gap between its sends, or since its last send, of a whole
timeout within the two timeouts before): those are the server's fault, the others the probe's
own (its process is starved of CPU on a loaded machine). A group that failed over that way is
measured the other way round (its Primary now is the one that stops), and one caught between
roles is left out.

Lateness = that moment - the deadline. It includes the one-way latency of the Primary's last
heartbeat (the server counts from its receipt), so it errs on the late side.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import timestamp_pb2
from rolecall.agent.errors import retry_delay_of
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from bench.messages import stream_request

TARGET_PREFIX = "127.0.0.1:"
# How long after a stopped Primary's deadline its failover is waited for.
QUEUE_ALLOWANCE = 20.0
PRIMARY = pb.CLIENT_ROLE_PRIMARY
SECONDARY = pb.CLIENT_ROLE_SECONDARY


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
    # When it newly heard it is PendingPrimary before `watch_from` (early failovers), and the
    # send time of every heartbeat: was its partner (the Primary it replaced) on schedule?
    early_pending_at: list[float] = field(default_factory=list)
    sends: list[float] = field(default_factory=list)
    partner: Agent | None = None
    heard_pending: bool = False
    failed: bool = False
    # Set when the server refused or shed the stream for load (RESOURCE_EXHAUSTED): when to
    # open a new one (the retry delay it gave); `refusals` counts them.
    retry_at: float | None = None
    refusals: int = 0

    async def run(self, stub: failover_pb2_grpc.ClientFailoverServiceStub) -> None:
        self.call = stub.HeartbeatStream()
        self.reader = asyncio.create_task(self._read())
        await asyncio.sleep(random.random() * self.interval)
        while self.sending and not self.failed:
            if self.retry_at is not None:  # refused or shed for load: back after the delay
                await asyncio.sleep(max(0.0, self.retry_at - time.monotonic()))
                self.retry_at = None
                self.in_flight.clear()
                self.call = stub.HeartbeatStream()
                self.reader = asyncio.create_task(self._read())
            self.sequence += 1
            t = time.monotonic()
            self.in_flight.append((self.sequence, t))
            self.last_sent = t
            self.sends.append(t)
            now = timestamp_pb2.Timestamp()
            now.GetCurrentTime()
            request = stream_request([(self.group_id, self.session_id)], self.sequence, now)
            await self.call.write(request)
            await asyncio.sleep(self.interval)

    async def _read(self) -> None:
        try:
            async for response in self.call:
                t = time.monotonic()
                for role in response.roles:
                    if role.key.session_id != self.session_id:
                        continue
                    pending = role.role == pb.CLIENT_ROLE_PENDING_PRIMARY
                    if pending and not self.heard_pending:
                        if self.watch_from is None:
                            self.early_pending += 1
                            self.early_pending_at.append(t)
                        elif t >= self.watch_from and self.pending_at is None:
                            self.pending_at = t
                    if not role.error_reason:
                        self.heard_pending = pending
                if response.push:
                    continue
                while self.in_flight and self.in_flight[0][0] <= response.sequence:
                    sequence, sent = self.in_flight.popleft()
                    if sequence == response.sequence:
                        self.last_answered = sent
                if response.roles and not response.roles[0].error_reason:
                    self.role = response.roles[0].role
        except grpc.aio.AioRpcError as error:
            if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
                self.refusals += 1
                self.retry_at = time.monotonic() + (retry_delay_of(error) or 1.0)
            else:
                self.failed = True


async def _wait(predicate: Any, deadline: float) -> bool:
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.005)
    return True


@dataclass
class Fleet:
    """Every group's Primary (s0) and secondary (s1), on `channels` shared by `per_channel`."""

    groups: list[str]
    interval: float
    per_channel: int
    channels: list[grpc.aio.Channel]
    primaries: list[Agent] = field(default_factory=list)
    secondaries: list[Agent] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    def connect(cls, config: dict[str, Any]) -> Fleet:
        groups: list[str] = config["groups"]
        per_channel = max(1, int(config["streams_per_connection"]))
        count = -(-2 * len(groups) // per_channel)
        channels = [grpc.aio.insecure_channel(config["target"]) for _ in range(count)]
        fleet = cls(groups, float(config["timeout"]) / 3, per_channel, channels)
        fleet.primaries = [Agent(g, "s0", fleet.interval) for g in groups]
        fleet.secondaries = [Agent(g, "s1", fleet.interval) for g in groups]
        for a, b in zip(fleet.primaries, fleet.secondaries, strict=True):
            a.partner, b.partner = b, a
        return fleet

    @property
    def agents(self) -> list[Agent]:
        return self.primaries + self.secondaries

    def start(self, agents: list[Agent], first: int) -> None:
        """Starts `agents`, the first of them the `first`-th stream of the fleet."""
        for i, agent in enumerate(agents):
            channel = self.channels[(first + i) // self.per_channel]
            stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
            self.tasks.append(asyncio.create_task(agent.run(stub)))

    async def set_up(self, limit_at: float) -> str | None:
        """Primaries first, then secondaries; an error text if they did not settle in time."""
        self.start(self.primaries, 0)
        if not await _wait(lambda: all(a.role == PRIMARY for a in self.primaries), limit_at):
            return "the primaries did not all become Primary in time"
        for agent in self.primaries:  # each was PendingPrimary once on its way to Primary
            agent.early_pending = 0
            agent.early_pending_at.clear()
        self.start(self.secondaries, len(self.primaries))
        if not await _wait(lambda: all(a.role == SECONDARY for a in self.secondaries), limit_at):
            return "the secondaries did not all answer in time"
        return None

    def pairs(self) -> tuple[list[Agent], list[Agent]]:
        """(sessions to stop, sessions to watch): whichever is Primary now stops. Under overload
        a group may have failed over already; groups between roles are left out."""
        stopped: list[Agent] = []
        watched: list[Agent] = []
        for a, b in zip(self.primaries, self.secondaries, strict=True):
            if a.role == PRIMARY and b.role == SECONDARY:
                stopped.append(a)
                watched.append(b)
            elif b.role == PRIMARY and a.role == SECONDARY:
                stopped.append(b)
                watched.append(a)
        return stopped, watched

    async def close(self) -> None:
        for agent in self.agents:
            agent.sending = False
            if agent.call is not None:
                agent.call.cancel()
            if agent.reader is not None:
                self.tasks.append(agent.reader)
        for task in self.tasks:
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*self.tasks, return_exceptions=True)
        for channel in self.channels:
            await channel.close(None)


async def told_to_go(limit_at: float) -> bool:
    """Says ready, then waits for "go" (the measured window of the load has opened)."""
    sys.stdout.write(json.dumps({"event": "ready"}) + "\n")
    sys.stdout.flush()
    go = asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    try:
        await asyncio.wait_for(go, max(0.0, limit_at - time.monotonic()))
    except TimeoutError:
        return False
    return True


def on_schedule(sends: list[float], at: float, timeout: float) -> bool:
    """Whether heartbeats sent at `sends` (ascending) left no gap of a whole `timeout` within
    the two timeouts before `at`, counting the time from the last send to `at`."""
    window = [t for t in sends if at - 2 * timeout <= t <= at]
    if not window:
        return False
    gaps = [b - a for a, b in itertools.pairwise(window)]
    return max([*gaps, at - window[-1], window[0] - (at - 2 * timeout)]) < timeout


async def measure(fleet: Fleet, failover_timeout: float, limit_at: float) -> dict[str, Any]:
    """Stops every Primary's heartbeats at once; each one's deadline follows its own last send."""
    stopped, watched = fleet.pairs()
    go_at = time.monotonic()
    for agent in watched:
        agent.watch_from = go_at
    for agent in stopped:
        agent.sending = False
    await _wait(lambda: all(not a.in_flight for a in stopped), limit_at)
    deadlines = [(a.last_sent or go_at) + failover_timeout for a in stopped]
    # Under overload a Primary's last heartbeat may have waited seconds in the server's queues,
    # and its deadline is that much later (README: Overload): wait long enough to see it.
    end = min(limit_at, max(deadlines, default=go_at) + failover_timeout + QUEUE_ALLOWANCE)
    await _wait(lambda: all(a.pending_at is not None for a in watched), end)
    lateness = [
        (w.pending_at - d) * 1000.0
        for w, d in zip(watched, deadlines, strict=True)
        if w.pending_at is not None
    ]
    return {
        "lateness_ms": lateness,
        "measured_groups": len(watched),
        "unsettled_groups": len(fleet.groups) - len(watched),
        "missed": len(watched) - len(lateness),
        "early_failovers": sum(a.early_pending for a in fleet.agents),
        "early_failovers_on_schedule": sum(
            1
            for a in fleet.agents
            for t in a.early_pending_at
            if a.partner is not None and on_schedule(a.partner.sends, t, failover_timeout)
        ),
        "unanswered_last": sum(1 for a in stopped if a.last_sent != a.last_answered),
        "stream_failures": sum(1 for a in fleet.agents if a.failed),
        "refused_streams": sum(a.refusals for a in fleet.agents),
    }


async def probe(config: dict[str, Any]) -> dict[str, Any]:
    limit_at = time.monotonic() + float(config["limit"])
    fleet = Fleet.connect(config)
    started = time.monotonic()
    outcome: dict[str, Any] = {"groups": len(fleet.groups)}
    try:
        error = await fleet.set_up(limit_at)
        if error is not None:
            return {**outcome, "error": error}
        outcome["setup_s"] = time.monotonic() - started
        if not await told_to_go(limit_at):
            return {**outcome, "error": "never told to go"}
        outcome["waited_s"] = time.monotonic() - started - outcome["setup_s"]
        return {**outcome, **await measure(fleet, float(config["timeout"]), limit_at)}
    finally:
        await fleet.close()


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

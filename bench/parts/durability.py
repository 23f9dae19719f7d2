"""Durability: what "durable before announced" costs, and the long history check.

- failover push latency: 100 groups, each a Primary (s0) and a secondary (s1) on
  HeartbeatStreams, deadlines spread over an interval; the Primaries stop; lateness = when s1
  hears it is PendingPrimary - its Primary's deadline (last send + timeout). It now includes the
  fsync'd commit of the failover before the push.
- mass failover: 1,000 groups whose Primaries stop at the same moment: time from that common
  deadline to the last PendingPrimary push, and the store transactions it took (the server's
  `rolecall_store_commit_seconds_count{operation="write"}` before and after).
- history: tests/history.py for minutes (kill -9s, re-creates, takeovers), transitions checked
  and violations (must be 0).

`python -m bench.parts.durability TARGET` measures the two failover figures against a server
already running (e.g. an older commit's, for the "before" figures).
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from bench.registry import part
from bench.runner import Bench
from bench.server import LOADER_CPUS, SERVER_CPUS, pin
from tests.harness import RolecallProcess
from tests.history import Driver
from tests.history import Plan as HistoryPlan

TENANT = "bench"  # each measurement in a namespace of its own (1,000 groups per namespace)
PRIMARY, PENDING = pb.CLIENT_ROLE_PRIMARY, pb.CLIENT_ROLE_PENDING_PRIMARY
TIMEOUT_MS = 1000
_METRICS_LINE = re.compile(r"rolecall metrics on (http://\S+/metrics)")
_WRITES = re.compile(r'rolecall_store_commit_seconds_count\{operation="write"\} (\S+)')

ROWS = [
    ("durable_push_p50_ms", "failover push after deadline p50, ms (100 groups, no load)"),
    ("durable_push_p99_ms", "failover push after deadline p99, ms (100 groups, no load)"),
    ("mass_failover_last_push_ms", "mass failover, 1,000 groups: deadline to last push, ms"),
    ("mass_failover_p50_ms", "mass failover, 1,000 groups: deadline to push p50, ms"),
    ("mass_failover_transactions", "mass failover, 1,000 groups: store transactions"),
    ("history_transitions", "history check: role transitions checked"),
    ("history_promotions", "history check: promotions checked"),
    ("history_kills", "history check: kill -9 + restarts"),
    ("history_violations", "history check: violations"),
]
TARGETS = {"history_violations": ("<=", 0, "history check: 0 violations")}


@dataclass
class Side:
    """One HeartbeatStream carrying one session (`sid`) of each of `groups`."""

    stub: failover_pb2_grpc.ClientFailoverServiceStub
    namespace: str
    groups: list[str]
    sid: str
    call: grpc.aio.StreamStreamCall[pb.HeartbeatStreamRequest, pb.HeartbeatStreamResponse] = field(
        init=False
    )
    roles: dict[str, int] = field(default_factory=dict)
    pending_at: dict[str, float] = field(default_factory=dict)
    sent_at: dict[str, float] = field(default_factory=dict)
    watching: bool = False

    def __post_init__(self) -> None:
        self.call = self.stub.HeartbeatStream()
        self.reader = asyncio.create_task(self._read())

    def key(self, group: str) -> pb.ClientSessionKey:
        return pb.ClientSessionKey(
            tenant_id=TENANT, namespace_id=self.namespace, group_id=group, session_id=self.sid
        )

    async def beat(self, groups: list[str]) -> None:
        now = time.monotonic()
        for group in groups:
            self.sent_at[group] = now
        beats = [pb.SessionHeartbeat(key=self.key(g), failover_status=50) for g in groups]
        await self.call.write(pb.HeartbeatStreamRequest(heartbeats=beats))

    async def _read(self) -> None:
        async for response in self.call:
            now = time.monotonic()
            for role in response.roles:
                group = role.key.group_id
                self.roles[group] = role.role
                if role.role == PENDING and self.watching and group not in self.pending_at:
                    self.pending_at[group] = now

    async def until(self, *roles: int, within: float = 60.0) -> None:
        deadline = time.monotonic() + within
        while any(self.roles.get(g) not in roles for g in self.groups):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.sid} sessions did not all become {roles}")
            await asyncio.sleep(0.01)


async def set_up(
    stub: failover_pb2_grpc.ClientFailoverServiceStub, namespace: str, groups: list[str]
) -> None:
    async def one(group: str) -> None:
        await stub.CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT,
                namespace_id=namespace,
                group=pb.GroupConfiguration(id=group, milliseconds=TIMEOUT_MS),
            )
        )
        for sid in ("s0", "s1"):
            await stub.AddGroupClientSession(
                pb.AddGroupClientSessionRequest(
                    tenant_id=TENANT,
                    namespace_id=namespace,
                    group_id=group,
                    session=pb.SessionSummary(id=sid),
                )
            )

    for start in range(0, len(groups), 100):
        await asyncio.gather(*(one(g) for g in groups[start : start + 100]))


async def failover(
    channel: grpc.aio.Channel,
    prefix: str,
    count: int,
    *,
    spread: bool,
    metrics_url: str | None = None,
) -> dict[str, float]:
    """Primaries stop; each group's lateness of its PendingPrimary push (ms), the time from the
    first deadline to the last push, and the store transactions from the stop to that push."""
    stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
    groups = [f"g{i}" for i in range(count)]
    await set_up(stub, prefix, groups)
    primaries, secondaries = Side(stub, prefix, groups, "s0"), Side(stub, prefix, groups, "s1")
    await settle(primaries, secondaries, spread=spread)
    before = await asyncio.to_thread(store_writes, metrics_url) if metrics_url else 0.0
    secondaries.watching = True  # the Primaries stop here: no goodbye, deadlines pass
    deadlines = {g: primaries.sent_at[g] + TIMEOUT_MS / 1000 for g in groups}
    end = max(deadlines.values()) + 10.0
    while len(secondaries.pending_at) < count and time.monotonic() < end:
        await secondaries.beat(groups)
        await asyncio.sleep(TIMEOUT_MS / 1000 / 4)
    after = await asyncio.to_thread(store_writes, metrics_url) if metrics_url else -1.0
    for side in (primaries, secondaries):
        side.call.cancel()
        side.reader.cancel()
    late = [(secondaries.pending_at[g] - deadlines[g]) * 1000 for g in secondaries.pending_at]
    last = max(secondaries.pending_at.values(), default=0.0) - min(deadlines.values())
    quantiles = statistics.quantiles(late, n=100) if len(late) > 1 else [0.0] * 99
    return {
        "p50_ms": round(statistics.median(late), 2) if late else -1,
        "p99_ms": round(quantiles[98], 2),
        "last_ms": round(last * 1000, 2),
        "missed": count - len(late),
        "transactions": after - before,
    }


async def settle(primaries: Side, secondaries: Side, *, spread: bool) -> None:
    """s0 Primary everywhere (PendingPrimary, then its acknowledgement), s1 Secondary, a few
    rounds of heartbeats: the Primaries' last ones spread over an interval, or all at once."""
    groups, interval = primaries.groups, TIMEOUT_MS / 1000 / 4
    await primaries.beat(groups)
    await primaries.until(PENDING, PRIMARY)  # PRIMARY at once: a server before issue 7
    await primaries.beat(groups)
    await primaries.until(PRIMARY)
    await secondaries.beat(groups)
    for _ in range(4):
        await asyncio.sleep(interval)
        await secondaries.beat(groups)
        if spread:
            for group in groups:
                await primaries.beat([group])
                await asyncio.sleep(interval / len(groups))
        else:
            await primaries.beat(groups)


def store_writes(metrics_url: str) -> float:
    with urllib.request.urlopen(metrics_url, timeout=5) as response:
        text = response.read().decode()
    found = _WRITES.search(text)
    return float(found.group(1)) if found else 0.0


def start_server(data_dir: Path) -> tuple[RolecallProcess, str]:
    """`rolecall serve` (gRPC only, with metrics) pinned to the server core."""
    me = frozenset(os.sched_getaffinity(0))
    os.sched_setaffinity(0, SERVER_CPUS)  # the child inherits this thread's mask at fork
    try:
        process = RolecallProcess(data_dir, gateway=False, extra_args=["--metrics-port", "0"])
        process.start()
    finally:
        os.sched_setaffinity(0, me)
    assert process.proc is not None
    pin(process.proc.pid, SERVER_CPUS)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for line in process.output:
            if found := _METRICS_LINE.search(line):
                return process, found.group(1)
        time.sleep(0.05)
    process.stop()
    raise RuntimeError("rolecall printed no metrics address")


async def measure(channel: grpc.aio.Channel, metrics_url: str | None, run: int) -> dict[str, float]:
    light = await failover(channel, f"light{run}", 100, spread=True)
    mass = await failover(channel, f"mass{run}", 1000, spread=False, metrics_url=metrics_url)
    return {
        "durable_push_p50_ms": light["p50_ms"],
        "durable_push_p99_ms": light["p99_ms"],
        "mass_failover_last_push_ms": mass["last_ms"],
        "mass_failover_p50_ms": mass["p50_ms"],
        "mass_failover_missed": mass["missed"] + light["missed"],
        # From the Primaries' stop to the last push; a heartbeat-value flush (every 5 s) may
        # fall in that window too. -1 without a metrics address.
        "mass_failover_transactions": mass["transactions"],
    }


async def measure_process(process: RolecallProcess, metrics_url: str, run: int) -> dict[str, float]:
    async with process.aio_channel() as channel:
        return await measure(channel, metrics_url, run)


@part("durability", rows=ROWS, targets=TARGETS, order=40)
def durability_benchmarks(bench: Bench, tmp: Path) -> None:
    for index in range(bench.plan.runs):
        process, metrics_url = start_server(tmp / f"durability-{index}")
        try:
            figures = asyncio.run(measure_process(process, metrics_url, index))
        finally:
            process.stop()
        bench.record("durability", figures)
        bench.log(f"  durability run {index + 1}: {figures}")
    plan = HistoryPlan(
        duration=45.0 if bench.plan.quick else 150.0,
        groups=8 if bench.plan.quick else 24,
        kills=2 if bench.plan.quick else 6,
        recreate_every=6.0,
        seed=11,
    )
    bench.log(f"history check: {plan}")
    driver = Driver(tmp / "history", plan, log=bench.log)
    verdict = asyncio.run(driver.execute())
    for violation in verdict.violations[:20]:
        bench.log(f"  VIOLATION {violation}")
    bench.record(
        "history",
        {
            "history_transitions": verdict.transitions,
            "history_promotions": verdict.promotions,
            "history_kills": driver.kills,
            "history_violations": len(verdict.violations),
        },
    )


def main() -> int:
    """Against a running server (auth off, or old): `python -m bench.parts.durability
    HOST:PORT [METRICS_URL]`."""
    os.sched_setaffinity(0, LOADER_CPUS)

    async def run() -> dict[str, float]:
        async with grpc.aio.insecure_channel(sys.argv[1]) as channel:
            return await measure(channel, sys.argv[2] if len(sys.argv) > 2 else None, os.getpid())

    print(asyncio.run(run()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

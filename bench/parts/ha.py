"""Several replicas on etcd: takeover time after a replica's death, and heartbeat throughput
with 2 replicas against 1.

Takeover: 3 etcd members + 3 replicas (lease TTL 2 s), 60 groups of 2 clients heartbeating every
0.2 s through the owner-following client; `kill -9` the replica serving most groups and time, per
group it served, from the kill to the first heartbeat answered by another replica; and, read
from etcd every 5 ms, from its lease expiring (its member key gone) to all its shards
owned by the others: the survivors' reaction, the rest being the lease TTL. Join: then a replica
is added; time from its member key appearing in etcd to every shard the assignment gives it being
held on its lease (owner keys; the old owners flushed and released them first).

Throughput: 64 groups spread over 1 replica, then 2; one loader process per replica pipelines
HeartbeatStream messages (one heartbeat each, 32 in flight) to the groups that replica serves, as
agents do (one stream per owner). On this 2-core machine loaders, replicas and etcd share the
cores, so the figure that matters is heartbeats per server CPU-second; both it and the absolute
rate are reported.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from etcd.api.etcdserverpb import rpc_pb2

from bench import messages
from bench.loaders import run_loaders
from bench.registry import part
from bench.runner import Bench
from bench.seed import NAMESPACE, TENANT
from bench.server import cpu_seconds
from server.domain.shards import assign, shards_of
from server.store.etcd import EtcdClient, parse_etcd_url, prefix_end
from tests.ha import HaCluster, OwnerFollowingClient

ROWS = [
    ("ha_takeover_p50_s", "replica kill -9 -> its groups served again, p50 s"),
    ("ha_takeover_p99_s", "replica kill -9 -> its groups served again, p99 s"),
    ("ha_expiry_to_takeover_s", "its lease expired in etcd -> its shards owned again, s"),
    ("ha_join_handoff_s", "replica joins -> its share of shards handed over, s"),
    ("ha_hb_1_replica_per_s", "stream heartbeats/s, 1 replica"),
    ("ha_hb_2_replicas_per_s", "stream heartbeats/s, 2 replicas"),
    ("ha_hb_1_replica_per_cpu_s", "heartbeats per server CPU-second, 1 replica"),
    ("ha_hb_2_replicas_per_cpu_s", "heartbeats per server CPU-second, 2 replicas"),
]
TARGETS = {"ha_takeover_p99_s": ("<=", 5.0, "served again within lease TTL (2 s) + 3 s")}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _takeover(
    cluster: HaCluster, groups: int, view: ControlView
) -> tuple[list[float], float]:
    client = OwnerFollowingClient(cluster.targets, token=cluster.replicas[0].token)
    names = [f"t{i:03d}" for i in range(groups)]
    for name in names:
        await client.create_group(name, "00:00:03", ["a", "b"])
    stop = asyncio.Event()

    async def beat(group: str, session: str) -> None:
        while not stop.is_set():
            await client.heartbeat(group, session)
            await asyncio.sleep(0.2)

    tasks = [asyncio.create_task(beat(g, s)) for g in names for s in ("a", "b")]
    await asyncio.sleep(2.0)
    served: dict[str, list[str]] = {}
    for group, target in client.owner.items():
        served.setdefault(target, []).append(group)
    victim_target = max(served, key=lambda t: len(served[t]))
    victim = next(r for r in cluster.replicas if r.grpc_target == victim_target)
    await asyncio.to_thread(victim.kill)
    killed = time.monotonic()
    reaction = asyncio.create_task(_expiry_to_takeover(view, victim_target))
    client.targets = cluster.targets
    affected = set(served[victim_target])
    back: dict[str, float] = {}
    while len(back) < len(affected) and time.monotonic() - killed < 30:
        for answer in client.answers:
            if answer.at > killed and answer.group in affected and answer.group not in back:
                back[answer.group] = answer.at - killed
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await client.close()
    return list(back.values()), await reaction


class ControlView:
    """The replicas' members and shard owners as etcd holds them, read by the benchmark."""

    def __init__(self, cluster: HaCluster) -> None:
        settings = parse_etcd_url(cluster.store_url)
        self.client = EtcdClient(settings)
        self.prefix = settings.prefix
        self.shards = cluster.shards

    async def read(self, part: str) -> dict[str, str]:
        """Key (after `<prefix>c/<part>/`) -> value, for part "members" or "shards"."""
        prefix = f"{self.prefix}c/{part}/".encode()
        answer = await self.client.range(
            rpc_pb2.RangeRequest(key=prefix, range_end=prefix_end(prefix))
        )
        return {kv.key[len(prefix) :].decode(): kv.value.decode() for kv in answer.kvs}

    async def until(self, done: Callable[[set[str], dict[str, str]], bool]) -> float:
        """Reads every 5 ms until `done(members, owners)`; the monotonic time it held."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            members, owners = set(await self.read("members")), await self.read("shards")
            if done(members, owners):
                return time.monotonic()
            await asyncio.sleep(0.005)
        raise TimeoutError("etcd did not show the awaited state within 60 s")


async def _expiry_to_takeover(view: ControlView, victim: str) -> float:
    """Seconds from the victim's lease expiring (its member key gone) to all its shards owned
    by the others: how fast the survivors act on what etcd tells them."""
    expired = await view.until(lambda members, _: victim not in members)
    taken = await view.until(
        lambda _, owners: len(owners) == view.shards and victim not in owners.values()
    )
    return taken - expired


async def _join(cluster: HaCluster, view: ControlView) -> float:
    """Add a replica; seconds from its registration (member key) to every shard the
    assignment gives it being held on its lease (the old owners flushed and released them)."""
    before = set(await view.read("members"))
    adding = asyncio.create_task(asyncio.to_thread(cluster.add_replica))
    try:
        joined = await view.until(lambda members, _: bool(members - before))
        (new,) = set(await view.read("members")) - before

        def handed_over(members: set[str], owners: dict[str, str]) -> bool:
            share = shards_of(assign(view.shards, members), new)
            return share <= {int(shard) for shard, owner in owners.items() if owner == new}

        return await view.until(handed_over) - joined
    finally:
        await adding


async def _membership(cluster: HaCluster) -> dict[str, float]:
    """Takeover (served again, p50/p99; from lease expiry to shards owned), then a join."""
    view = ControlView(cluster)
    await view.client.open()
    try:
        times, reaction = await _takeover(cluster, 60, view)
        join = await _join(cluster, view)
    finally:
        await view.client.close()
    return {
        "ha_takeover_p50_s": round(statistics.median(times), 3),
        "ha_takeover_p99_s": round(percentile(times, 99), 3),
        "ha_expiry_to_takeover_s": round(reaction, 3),
        "ha_join_handoff_s": round(join, 3),
    }


async def _spread_groups(cluster: HaCluster, count: int) -> dict[str, list[str]]:
    """Create `count` groups of one session; the replica that serves each, as its owner told."""
    client = OwnerFollowingClient(
        cluster.targets, tenant=TENANT, namespace=NAMESPACE, token=cluster.replicas[0].token
    )
    try:
        for i in range(count):
            group = f"h{i:03d}"
            await client.create_group(group, "00:00:30", ["a"])
            await client.heartbeat(group, "a")  # the owner as of now
        served: dict[str, list[str]] = {}
        for group, target in client.owner.items():
            served.setdefault(target, []).append(group)
        return served
    finally:
        await client.close()


def _throughput(bench: Bench, cluster: HaCluster) -> tuple[float, float]:
    """One pipelined HeartbeatStream per replica, to the groups it serves (as agents do: one
    stream per owner). Heartbeats answered per second, and per server CPU-second."""
    served = asyncio.run(_spread_groups(cluster, 64))
    seconds = 3.0 if bench.plan.quick else 10.0
    configs = [
        {
            "mode": "pipelined",
            "target": target,
            "method": messages.HEARTBEAT_STREAM,
            "messages": [messages.stream_hex([(g, "a")]) for g in groups],
            "window": 32,
            "warmup": 1.0,
            "seconds": seconds,
            "drain": 5.0,
            "ramp": 0.0,
            "open_timeout": 30.0,
            "connections": 1,
            "rate_hz": 1.0,
            "streams_per_connection": 1,
            "limit": seconds + 60.0,
        }
        for target, groups in served.items()
    ]
    pids = [r.proc.pid for r in cluster.replicas if r.proc is not None]
    cpu: list[float] = []

    def snapshot() -> None:
        cpu.append(sum(cpu_seconds(pid) for pid in pids))

    result = run_loaders(configs, bench.plan.loader, on_measuring=snapshot, on_measured=snapshot)
    rate = result.answered_per_s
    used = cpu[1] - cpu[0] if len(cpu) == 2 else 0.0
    return rate, rate * result.window_s / max(used, 1e-9)


@part("ha", rows=ROWS, targets=TARGETS, order=60)
def ha_benchmarks(bench: Bench, tmp: Path) -> None:
    for index in range(bench.plan.runs):
        cluster = HaCluster(tmp / f"ha-{index}", lease_ttl=2, gateway=False).start(3)
        try:
            figures = asyncio.run(_membership(cluster))
        finally:
            cluster.stop()
        for replicas, key in ((1, "1_replica"), (2, "2_replicas")):
            cluster = HaCluster(tmp / f"tp-{index}-{replicas}", gateway=False, auth=False)
            cluster.start(replicas)
            try:
                rate, per_cpu = _throughput(bench, cluster)
            finally:
                cluster.stop()
            figures[f"ha_hb_{key}_per_s"] = round(rate)
            figures[f"ha_hb_{key}_per_cpu_s"] = round(per_cpu)
        bench.record("ha", figures)
        bench.log(f"  ha run {index + 1}: {figures}")

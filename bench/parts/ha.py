"""Several replicas on etcd: takeover time after a replica's death, and heartbeat throughput
with 2 replicas against 1.

Takeover: 3 etcd members + 3 replicas (lease TTL 2 s), 60 groups of 2 clients heartbeating every
0.2 s through the owner-following client; `kill -9` the replica serving most groups and time, per
group it served, from the kill to the first heartbeat answered by another replica.

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
from pathlib import Path

from bench import messages
from bench.loaders import run_loaders
from bench.registry import part
from bench.runner import Bench
from bench.seed import NAMESPACE, TENANT
from bench.server import cpu_seconds
from tests.ha import HaCluster, OwnerFollowingClient

ROWS = [
    ("ha_takeover_p50_s", "replica kill -9 -> its groups served again, p50 s"),
    ("ha_takeover_p99_s", "replica kill -9 -> its groups served again, p99 s"),
    ("ha_hb_1_replica_per_s", "stream heartbeats/s, 1 replica"),
    ("ha_hb_2_replicas_per_s", "stream heartbeats/s, 2 replicas"),
    ("ha_hb_1_replica_per_cpu_s", "heartbeats per server CPU-second, 1 replica"),
    ("ha_hb_2_replicas_per_cpu_s", "heartbeats per server CPU-second, 2 replicas"),
]
TARGETS = {"ha_takeover_p99_s": ("<=", 5.0, "served again within lease TTL (2 s) + 3 s")}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _takeover(cluster: HaCluster, groups: int) -> list[float]:
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
    return list(back.values())


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
            times = asyncio.run(_takeover(cluster, 60))
        finally:
            cluster.stop()
        figures = {
            "ha_takeover_p50_s": round(statistics.median(times), 3),
            "ha_takeover_p99_s": round(percentile(times, 99), 3),
        }
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

"""Several replicas on etcd: takeover time after a replica's death, and heartbeat throughput
with 2 replicas against 1.

Takeover: 3 etcd members + 3 replicas (lease TTL 2 s), 60 groups of 2 clients heartbeating every
0.2 s through the owner-following client; `kill -9` the replica serving most groups and time, per
group it served, from the kill to the first heartbeat answered by another replica.

Throughput: one in-process asyncio loader sends unary SendHeartbeat calls for 64 groups with 64
calls in flight, to 1 replica then to 2; the figure that matters on this 2-core machine is
heartbeats per server CPU-second (the loader shares the cores), so both it and the absolute rate
are reported.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from bench.registry import part
from bench.runner import Bench
from bench.server import cpu_seconds
from tests.ha import HaCluster, OwnerFollowingClient

ROWS = [
    ("ha_takeover_p50_s", "replica kill -9 -> its groups served again, p50 s"),
    ("ha_takeover_p99_s", "replica kill -9 -> its groups served again, p99 s"),
    ("ha_hb_1_replica_per_s", "unary heartbeats/s, 1 replica"),
    ("ha_hb_2_replicas_per_s", "unary heartbeats/s, 2 replicas"),
    ("ha_hb_1_replica_per_cpu_s", "heartbeats per server CPU-second, 1 replica"),
    ("ha_hb_2_replicas_per_cpu_s", "heartbeats per server CPU-second, 2 replicas"),
]
TARGETS = {"ha_takeover_p99_s": ("<=", 5.0, "served again within lease TTL (2 s) + 3 s")}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _takeover(cluster: HaCluster, groups: int) -> list[float]:
    client = OwnerFollowingClient(cluster.targets)
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


async def _throughput(cluster: HaCluster, seconds: float) -> tuple[float, float]:
    client = OwnerFollowingClient(cluster.targets, namespace=f"tp{len(cluster.targets)}")
    names = [f"h{i:03d}" for i in range(64)]
    for name in names:
        await client.create_group(name, "00:00:30", ["a"])
    pids = [r.proc.pid for r in cluster.replicas if r.proc is not None]
    count = 0
    end = 0.0

    async def worker(group: str) -> None:
        nonlocal count
        while time.monotonic() < end:
            await client.heartbeat(group, "a")
            count += 1

    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    start = time.monotonic()
    end = start + seconds
    await asyncio.gather(*(worker(g) for g in names))
    elapsed = time.monotonic() - start
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    client.answers.clear()
    await client.close()
    return count / elapsed, count / max(cpu, 1e-9)


@part("ha", rows=ROWS, targets=TARGETS, order=60)
def ha_benchmarks(bench: Bench, tmp: Path) -> None:
    seconds = 5.0 if bench.plan.quick else 15.0
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
            cluster = HaCluster(tmp / f"tp-{index}-{replicas}", gateway=False).start(replicas)
            try:
                rate, per_cpu = asyncio.run(_throughput(cluster, seconds))
            finally:
                cluster.stop()
            figures[f"ha_hb_{key}_per_s"] = round(rate)
            figures[f"ha_hb_{key}_per_cpu_s"] = round(per_cpu)
        bench.record("ha", figures)
        bench.log(f"  ha run {index + 1}: {figures}")

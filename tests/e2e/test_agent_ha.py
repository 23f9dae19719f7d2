"""The agent library against real replicas: 3 etcd members and 2 `rolecall serve --store etcd`
replicas on loopback. Agents listing both replicas heartbeat on their groups' owners (one stream
per owner); when the owner of most groups is killed with SIGKILL, every agent finds its group's
new owner and is still Primary at the same epoch (the new owner grants a fresh timeout)."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rolecall.agent import FailoverAgent, Role

from tests.ha import HaCluster, OwnerFollowingClient

pytestmark = pytest.mark.e2e

TENANT, NS = "acme", "ha"
WITHIN = 30.0  # seconds: lease TTL (2 s) + re-registration, on a busy machine


def replicas_supported() -> bool:
    """Whether `rolecall serve` has the replica flags (the shard owners, issue 11)."""
    usage = subprocess.run(
        [sys.executable, "-m", "server.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return "--lease-ttl" in usage.stdout


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[HaCluster]:
    if not replicas_supported():
        pytest.skip("rolecall serve has no --lease-ttl/--shards yet (replicas not landed)")
    ha = HaCluster(tmp_path, lease_ttl=2, shards=16, gateway=False).start(replicas=2)
    try:
        yield ha
    finally:
        ha.stop()


async def wait_until(predicate: Callable[[], bool], within: float = WITHIN) -> None:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > within:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def test_agents_follow_their_owners_across_a_replica_kill(cluster: HaCluster) -> None:
    targets, token = cluster.targets, cluster.replicas[0].token
    admin = OwnerFollowingClient(targets, TENANT, NS, token=token)
    groups = [f"g{i}" for i in range(8)]
    try:
        for group in groups:
            await admin.create_group(group, "00:00:10", [])
    finally:
        await admin.close()
    async with contextlib.AsyncExitStack() as stack:
        agents = [
            await stack.enter_async_context(
                FailoverAgent(targets, TENANT, NS, g, "a", token=token, max_backoff=0.5)
            )
            for g in groups
        ]
        for a in agents:  # the first answer may be PendingPrimary: the next heartbeat acknowledges
            await asyncio.wait_for(a.wait_for_role(Role.PRIMARY), WITHIN)
        assert all(a.epoch == 1 for a in agents)
        # Answered Primary means answered by the owner (another replica says NOT_OWNER).
        assert all(a.error is None and a.stream is not None for a in agents)
        streams = {a.target: a.stream for a in agents}
        assert all(a.stream is streams[a.target] for a in agents)  # one stream per owner

        busiest, _ = Counter(a.target for a in agents).most_common(1)[0]
        (victim,) = [r for r in cluster.replicas if r.grpc_target == busiest]
        survivor = next(t for t in targets if t != busiest)
        victim.kill()
        await wait_until(lambda: all(a.target == survivor and a.connected for a in agents))
        await wait_until(lambda: all(a.error is None for a in agents))
        assert all(a.role is Role.PRIMARY and a.epoch == 1 for a in agents)

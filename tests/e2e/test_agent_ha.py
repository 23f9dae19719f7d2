"""The agent library against real replicas: 3 etcd members and 2 `rolecall serve --store etcd`
replicas on loopback. Agents listing both replicas heartbeat on their groups' owners (one stream
per owner); when the owner of most groups is killed with SIGKILL, every agent finds its group's
new owner and is still Primary at the same epoch (the new owner grants a fresh timeout); when a
replica joins, the agents of the groups handed over to it follow. The fencing history checker
runs over every role the agents held."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rolecall.agent import FailoverAgent, Role

from server.domain.shards import assign, shard_of
from tests.ha import HaCluster, OwnerFollowingClient
from tests.history import History, Told

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


async def record(agent: FailoverAgent, phase: list[int], history: History) -> None:
    """Every role the agent holds, as the fencing history checker's events (a phase of the run
    stands for a server run)."""
    async for change in agent.role_changes():
        client = (agent.group, agent.session_id)
        history.record(Told(phase[0], *client, change.cause, change.role, change.epoch))


def one_group_per_shard(shards: int) -> list[str]:
    found: dict[int, str] = {}
    for i in itertools.count():
        found.setdefault(shard_of((TENANT, NS, f"g{i}"), shards), f"g{i}")
        if len(found) == shards:
            return sorted(found.values())
    raise AssertionError("unreachable")


def primaries(agents: list[FailoverAgent]) -> dict[str, tuple[str, int]]:
    return {a.group: (a.session_id, a.epoch) for a in agents if a.role is Role.PRIMARY}


async def test_agents_follow_their_owners_across_a_kill_and_a_join(cluster: HaCluster) -> None:
    targets, token = cluster.targets, cluster.replicas[0].token
    admin = OwnerFollowingClient(targets, TENANT, NS, token=token)
    # One group per shard: the joining replica takes half the shards, so half the groups move
    # (with groups on a few shards only, the survivor might keep them all).
    groups = one_group_per_shard(16)
    try:
        for group in groups:
            await admin.create_group(group, "00:00:10", [])
    finally:
        await admin.close()
    history, phase = History(), [0]
    recorders: list[asyncio.Task[None]] = []
    async with contextlib.AsyncExitStack() as stack:
        agents: list[FailoverAgent] = []
        for session in ("a", "b"):  # "a" registers first in every group: it becomes Primary
            for g in groups:
                agent = FailoverAgent(targets, TENANT, NS, g, session, token=token, max_backoff=0.5)
                recorders.append(asyncio.create_task(record(agent, phase, history)))
                await asyncio.sleep(0)  # recording from the agent's first role on
                agents.append(await stack.enter_async_context(agent))
        firsts = [a for a in agents if a.session_id == "a"]
        for a in firsts:  # the first answer may be PendingPrimary: the next heartbeat acknowledges
            await asyncio.wait_for(a.wait_for_role(Role.PRIMARY), WITHIN)
        assert primaries(agents) == {g: ("a", 1) for g in groups}
        # Answered Primary means answered by the owner (another replica says NOT_OWNER).
        assert all(a.error is None and a.stream is not None for a in agents)
        streams = {a.target: a.stream for a in agents}
        assert all(a.stream is streams[a.target] for a in agents)  # one stream per owner

        # The owner of most groups is killed: every agent finds the survivor.
        busiest, _ = Counter(a.target for a in agents).most_common(1)[0]
        (victim,) = [r for r in cluster.replicas if r.grpc_target == busiest]
        survivor = next(t for t in targets if t != busiest)
        phase[0] = 1
        victim.kill()
        await wait_until(lambda: all(a.target == survivor and a.connected for a in agents))
        await wait_until(lambda: all(a.error is None for a in agents))
        assert primaries(agents) == {g: ("a", 1) for g in groups}

        # A replica joins while the agents stream: the survivor hands its share over, and the
        # agents of the groups that moved follow their sessions' NOT_OWNER to the new owner.
        phase[0] = 2
        added = await asyncio.to_thread(cluster.add_replica)
        owners = assign(16, [survivor, added.grpc_target])
        expected = {a.group: owners[shard_of((TENANT, NS, a.group), 16)] for a in agents}
        assert added.grpc_target in expected.values()
        await wait_until(lambda: all(a.target == expected[a.group] for a in agents))
        await wait_until(lambda: all(a.connected and a.error is None for a in agents))
        assert primaries(agents) == {g: ("a", 1) for g in groups}
    for task in recorders:
        task.cancel()
    verdict = history.check()
    assert verdict.violations == []
    assert verdict.promotions == len(groups)  # once each, never again across kill and join

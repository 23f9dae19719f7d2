"""Several replicas on etcd, end to end: a replica killed with -9, an etcd member killed, a replica
added; clients follow the owners and the fencing promise holds over the whole run.

3 etcd members + 3 `rolecall serve` replicas (with Envoy) on loopback, 30 groups of two clients
heartbeating over gRPC through an owner-following client. Time bounds here are the ones the
design promises (lease TTL + FailoverTimeout), with slack for this noisy machine; the measured
figures are in `make bench`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.ha import Answer, HaCluster, OwnerFollowingClient, history

pytestmark = pytest.mark.e2e

GROUPS = [f"g{i:02d}" for i in range(30)]
SESSIONS = ("a", "b")
FAILOVER_TIMEOUT = 3.0
LEASE_TTL = 2
BEAT_EVERY = 0.4
# Slack over the promised bound, for process start-up jitter on 2 shared cores.
SLACK = 4.0


class Fleet:
    """Every client heartbeating in the background; the answers land in `client.answers`."""

    def __init__(self, client: OwnerFollowingClient) -> None:
        self.client = client
        self.tasks: list[asyncio.Task[None]] = []
        self.errors: list[str] = []

    def start(self) -> None:
        for group in GROUPS:
            for session in SESSIONS:
                self.tasks.append(asyncio.create_task(self._beat(group, session)))

    async def _beat(self, group: str, session: str) -> None:
        while True:
            try:
                # Equal scores: no challenger hand-over muddles who should stay Primary.
                await self.client.heartbeat(group, session, 100.0)
            except Exception as error:  # recorded and asserted on, never silent
                self.errors.append(f"{group}/{session}: {error!r}")
            await asyncio.sleep(BEAT_EVERY)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def settled(self, limit: float = 10.0) -> dict[str, tuple[str, int]]:
        """Each group's Primary as told from now on (waits until every group has one)."""
        since = time.monotonic()
        await eventually(lambda: len(self.primaries(since)) == len(GROUPS), limit)
        return self.primaries(since)

    def primaries(self, since: float) -> dict[str, tuple[str, int]]:
        """Each group's latest Primary (session, epoch) among answers after `since`."""
        latest: dict[str, Answer] = {}
        for a in self.client.answers:
            if a.at >= since and a.role == 1:
                if a.group not in latest or a.at > latest[a.group].at:
                    latest[a.group] = a
        return {g: (a.session, a.epoch) for g, a in latest.items()}


async def eventually(predicate, limit: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.1)
    return bool(predicate())


@pytest.fixture
async def ha(tmp_path: Path) -> AsyncIterator[HaCluster]:
    cluster = await asyncio.to_thread(HaCluster(tmp_path, lease_ttl=LEASE_TTL).start, 3)
    yield cluster
    await asyncio.to_thread(cluster.stop)


async def test_replica_and_member_failures(ha: HaCluster) -> None:
    client = OwnerFollowingClient(ha.targets, token=ha.replicas[0].token)
    fleet = Fleet(client)
    try:
        for group in GROUPS:
            await client.create_group(group, "00:00:03", list(SESSIONS))
        fleet.start()
        await fleet.settled()
        before = await fleet.settled()
        assert len(before) == len(GROUPS)

        # kill -9 the replica that serves the most groups.
        served: dict[str, list[str]] = {}
        for group, target in client.owner.items():
            served.setdefault(target, []).append(group)
        victim_target = max(served, key=lambda t: len(served[t]))
        affected = served[victim_target]
        victim = next(r for r in ha.replicas if r.grpc_target == victim_target)
        await asyncio.to_thread(victim.kill)
        killed_at = time.monotonic()
        client.phase = 1
        client.targets = ha.targets

        bound = LEASE_TTL + FAILOVER_TIMEOUT + SLACK
        assert await eventually(
            lambda: set(affected) <= set(fleet.primaries(killed_at + 0.01)), bound
        ), f"groups without a Primary {bound} s after the kill"
        # Primaries that kept heartbeating stay Primary at the same epoch.
        after = await fleet.settled()
        assert after == before

        # One etcd member killed: nothing visible changes.
        assert ha.etcd is not None
        await asyncio.to_thread(ha.etcd.kill, 0)
        client.phase = 2
        await asyncio.sleep(1.0)
        assert await fleet.settled() == after
        await asyncio.to_thread(ha.etcd.restart, 0)

        # A replica added later takes its share; clients follow to it.
        added = await asyncio.to_thread(ha.add_replica)
        client.phase = 3
        client.targets = ha.targets
        assert await eventually(
            lambda: added.grpc_target in client.owner.values(), 4 * LEASE_TTL + SLACK
        ), "no group moved to the added replica"
        assert await fleet.settled() == after

        # REST through any replica's Envoy works for any group (forwarded to the owner).
        headers = ha.replicas[0].headers
        async with httpx.AsyncClient(timeout=10, headers=headers) as http:
            for replica in (r for r in ha.replicas if r.proc is not None):
                for group in GROUPS[:5]:
                    url = (
                        f"{replica.http_base}/api/v1/tenants/acme/namespaces/ha/"
                        f"clientfailover/groups/{group}"
                    )
                    answer = await http.get(url)
                    assert answer.status_code == 200, answer.text
                    assert answer.json()["Id"] == group
                # An error forwarded from the owner keeps its status and documented body.
                missing = await http.get(
                    f"{replica.http_base}/api/v1/tenants/acme/namespaces/ha/"
                    "clientfailover/groups/no-such-group"
                )
                assert missing.status_code == 404
                assert missing.json()["Reason"] == "GROUP_NOT_FOUND"
    finally:
        await fleet.stop()
        await client.close()

    verdict = history(client.answers).check()
    assert verdict.violations == []
    assert verdict.told > 500 and verdict.promotions >= len(GROUPS)
    assert client.redirects > 0
    # A heartbeat may fail while its shard moves; it never fails for a whole bound.
    assert not fleet.errors

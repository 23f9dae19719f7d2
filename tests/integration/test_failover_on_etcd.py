"""The failover service on a real etcd cluster with its shard manager: what happens to changes
in flight when the replica loses a shard behind its back (lease revoked, owner key taken).

The manager's background loop is not started: these tests step it by hand, so what they show is
what the service does on its own when a commit is fenced, not what a later poll repairs.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from etcd.api.etcdserverpb import rpc_pb2
from rolecall.failover.v1 import failover_pb2 as pb

from server.api.failover import role_message
from server.domain.errors import DomainError, NotOwner
from server.domain.failover import GroupKey, HeartbeatResult, Role
from server.services.clock import SystemClock
from server.services.failover import GROUP_KIND, FailoverService
from server.services.shards import ShardManager, ShardSettings
from server.store.etcd import EtcdClient, EtcdSettings, EtcdStore
from tests.etcd_cluster import EtcdCluster

SHARDS = 4
ME = "me:1"
THIEF = "thief:1"


class Replica:
    def __init__(self, client: EtcdClient, store: EtcdStore, manager: ShardManager) -> None:
        self.client, self.store, self.manager = client, store, manager
        self.failover = FailoverService(store, SystemClock(), ownership=manager)
        manager.on_acquire = self.failover.load_shards
        manager.on_release = self.failover.release_shards
        manager.on_lost = self.failover.drop_shards

    def key_in(self, shard: int, name: str = "g") -> GroupKey:
        for i in range(10_000):
            key = GroupKey("acme", "plant", f"{name}{i}")
            if self.manager.shard_of(key) == shard:
                return key
        raise AssertionError("no key found")

    async def steal(self, shard: int) -> None:
        """Another replica's owner key in place of ours (as after a lease expiry and takeover)."""
        lease = (await self.client.lease_grant(30)).ID
        await self.client.put(
            rpc_pb2.PutRequest(key=self.manager.owner_key(shard), value=THIEF.encode(), lease=lease)
        )


@pytest.fixture
async def replica(etcd_cluster: EtcdCluster) -> AsyncIterator[Replica]:
    settings = EtcdSettings(tuple(etcd_cluster.endpoints), prefix=f"/test-{uuid.uuid4().hex}/")
    client = EtcdClient(settings)
    await client.open()
    manager = ShardManager(
        client, ShardSettings(ME, shards=SHARDS, lease_ttl=5), prefix=settings.prefix
    )
    store = EtcdStore(settings, client=client, guard=manager)
    made = Replica(client, store, manager)
    await made.failover.start()
    await manager.poll()  # registers and takes every shard
    assert manager.serving == set(range(SHARDS))
    yield made
    await manager.stop()  # hand-off first, as the app does
    await made.failover.stop()
    await client.close()


async def test_a_fenced_commit_gives_the_shard_up_and_is_never_retried(replica: Replica) -> None:
    failover, manager = replica.failover, replica.manager
    lost, kept = replica.key_in(0), replica.key_in(1)
    for key in (lost, kept):
        await failover.create_group(key, "G", "", 30.0)
        await failover.add_session(key, "a", "A", exist_ok=False)
    await replica.steal(0)
    # One commit carries both groups' promotions; only shard 0 is fenced.
    beats = [
        asyncio.create_task(failover.heartbeat(key, "a", 10.0, None, None)) for key in (lost, kept)
    ]
    async with asyncio.timeout(10):
        refused, taken = await asyncio.gather(*beats, return_exceptions=True)
    assert isinstance(refused, NotOwner) and refused.owner == THIEF
    assert not isinstance(taken, BaseException) and taken.role is Role.PENDING_PRIMARY
    # Served no more, forgotten, and the next call names the new owner, without any poll.
    assert not manager.owns(0) and manager.owns(1)
    assert failover.find_group(lost) is None
    with pytest.raises(NotOwner) as next_call:
        await failover.get_group(lost)
    assert next_call.value.owner == THIEF
    # The lost change was never written, and the writer does not keep trying it.
    stored = await replica.store.get(GROUP_KIND, tuple(lost))
    assert stored is not None and stored["pending"] is None
    failures = failover.failed_commits
    await failover.create_group(replica.key_in(1, "other"), "G", "", 30.0)
    await asyncio.sleep(0.3)
    assert failover.failed_commits == failures
    assert failover._uncommitted == {} and failover._gathering is None


async def test_a_revoked_lease_fences_every_pending_change(replica: Replica) -> None:
    failover, manager = replica.failover, replica.manager
    key = replica.key_in(2)
    await failover.create_group(key, "G", "", 30.0)
    await failover.add_session(key, "a", "A", exist_ok=False)
    await replica.client.lease_revoke(manager.lease)  # etcd deletes every owner key
    async with asyncio.timeout(10):
        with pytest.raises(NotOwner):
            await failover.heartbeat(key, "a", 10.0, None, None)
    assert not manager.owns(2)
    await asyncio.sleep(0.3)
    assert failover._uncommitted == {} and failover._gathering is None
    # The manager's next step registers again and takes the shards back, loading what is stored.
    await manager.poll()
    await manager.poll()
    group = await failover.get_group(key)
    assert group.pending is None and group.primary is None


async def test_on_a_stream_a_fenced_change_is_refused_for_its_session_alone(
    replica: Replica,
) -> None:
    failover = replica.failover
    lost, kept = replica.key_in(0), replica.key_in(3)
    for key in (lost, kept):
        await failover.create_group(key, "G", "", 30.0)
        await failover.add_session(key, "a", "A", exist_ok=False)
    stream = failover.open_stream(lambda push: asyncio.sleep(0), lambda: None)
    answers: list[HeartbeatResult | DomainError] = []

    async def answer(results: list[HeartbeatResult | DomainError]) -> None:
        answers.extend(results)

    await replica.steal(0)
    async with asyncio.timeout(10):
        await stream.exchange([(k, "a", 10.0, None, None) for k in (lost, kept)], [], answer)
    refused, taken = answers
    assert isinstance(refused, NotOwner) and refused.owner == THIEF
    assert isinstance(taken, HeartbeatResult) and taken.role is Role.PENDING_PRIMARY
    # On the wire, that session's answer names the owner, so its agent goes straight there.
    assert role_message(pb.ClientSessionKey(), refused).owner == THIEF
    stream.close()


async def test_a_fenced_flush_of_heartbeat_values_writes_the_other_shards(
    replica: Replica,
) -> None:
    failover, manager = replica.failover, replica.manager
    lost, kept = replica.key_in(0), replica.key_in(1)
    for key in (lost, kept):
        await failover.create_group(key, "G", "", 30.0)
        await failover.add_session(key, "a", "A", exist_ok=False)
        for _ in range(2):  # Primary, then a plain heartbeat value (written at the next flush)
            await failover.heartbeat(key, "a", 10.0, None, None)
        await failover.heartbeat(key, "a", 42.0, None, None)
    await replica.steal(0)
    async with asyncio.timeout(10):
        await failover._flush_values()  # what the writer does every flush interval
    assert not manager.owns(0) and failover.find_group(lost) is None
    stored = await replica.store.get(GROUP_KIND, tuple(kept))
    assert stored is not None and stored["sessions"][0]["score"] == 42.0
    assert failover._dirty == set()

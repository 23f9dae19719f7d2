"""Shard ownership with etcd leases, on a real etcd cluster: split, hand-off, crash, fencing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from server.domain.shards import assign, shards_of
from server.services.shards import ShardManager, ShardSettings
from server.store.base import FencedOut, StoreUnavailable
from server.store.etcd import EtcdClient, EtcdSettings, EtcdStore
from tests.etcd_cluster import EtcdCluster

SHARDS = 16


class Replica:
    """A ShardManager with a store fenced by it, recording its callbacks in one shared log."""

    def __init__(self, settings: EtcdSettings, address: str, log: list[tuple[str, str, int]]):
        self.address = address
        self.client = EtcdClient(settings)
        self.log = log

        async def record(what: str, shards: frozenset[int]) -> None:
            self.log.extend((what, address, s) for s in sorted(shards))

        self.manager = ShardManager(
            self.client,
            ShardSettings(address, shards=SHARDS, lease_ttl=2, poll_interval=0.1),
            prefix=settings.prefix,
            on_acquire=lambda s: record("acquire", s),
            on_release=lambda s: record("release", s),
            on_lost=lambda s: record("lost", s),
        )
        self.store = EtcdStore(settings, client=self.client, guard=self.manager)

    async def open(self) -> Replica:
        await self.client.open()
        return self

    def owned(self) -> set[int]:
        return {s for s in range(SHARDS) if self.manager.owns(s)}


@pytest.fixture
async def replicas(etcd_cluster: EtcdCluster) -> AsyncIterator[Callable[..., Replica]]:
    settings = EtcdSettings(tuple(etcd_cluster.endpoints), prefix=f"/test-{uuid.uuid4().hex}/")
    made: list[Replica] = []
    log: list[tuple[str, str, int]] = []

    def make(address: str, s: EtcdSettings = settings) -> Replica:
        replica = Replica(s, address, log)
        made.append(replica)
        return replica

    yield make
    for replica in made:
        await replica.manager.stop()
        await replica.client.close()


async def until(predicate: Callable[[], bool], *steps: Replica, limit: float = 15.0) -> None:
    """Poll the given replicas until `predicate` holds (bounded; not a timing assertion)."""
    async with asyncio.timeout(limit):
        while not predicate():
            for replica in steps:
                await replica.manager.poll()
            await asyncio.sleep(0.1)


def group_in(shard: int, manager: ShardManager) -> tuple[str, str, str]:
    """A failover group key that hashes to `shard`."""
    for i in range(100_000):
        key = ("acme", "plant1", f"g{i}")
        if manager.shard_for("failover_group", key) == shard:
            return key
    raise AssertionError("no key found")


async def test_one_replica_owns_every_shard(replicas: Callable[..., Replica]) -> None:
    a = await replicas("a:1").open()
    await a.manager.poll()
    assert a.owned() == set(range(SHARDS))
    assert {a.manager.owner_of(s) for s in range(SHARDS)} == {"a:1"}


async def test_a_joining_replica_gets_its_share_by_clean_hand_off(
    replicas: Callable[..., Replica],
) -> None:
    a, b = await replicas("a:1").open(), await replicas("b:1").open()
    await a.manager.poll()
    await b.manager.poll()  # b registers; a still holds everything, so b takes nothing yet
    assert b.owned() == set()
    await a.manager.poll()  # a sees b and releases b's share: flush first, then free the keys
    await b.manager.poll()  # b takes the freed shards
    expected = assign(SHARDS, ["a:1", "b:1"])
    assert a.owned() == shards_of(expected, "a:1")
    assert b.owned() == shards_of(expected, "b:1")
    log = a.log
    moved = shards_of(expected, "b:1")
    for shard in moved:  # the old owner released each moved shard before the new owner loaded it
        assert log.index(("release", "a:1", shard)) < log.index(("acquire", "b:1", shard))
    assert not [e for e in log if e[0] == "lost"]


async def test_a_crashed_replicas_shards_move_at_lease_expiry_and_it_is_fenced(
    replicas: Callable[..., Replica],
) -> None:
    a, b = await replicas("a:1").open(), await replicas("b:1").open()
    await until(lambda: len(a.owned()) + len(b.owned()) == SHARDS and bool(b.owned()), a, b)
    a_shards = a.owned()
    key = group_in(min(a_shards), a.manager)
    await a.store.put("failover_group", key, {"epoch": 1})  # a may write its shard

    # a "crashes": it stops renewing its lease (no clean hand-off), but believes it owns shards.
    await until(lambda: b.owned() == set(range(SHARDS)), b)
    assert b.manager.owner_of(min(a_shards)) == "b:1"
    with pytest.raises(FencedOut):
        await a.store.put("failover_group", key, {"epoch": 2})
    await b.store.put("failover_group", key, {"epoch": 2})
    assert await b.store.get("failover_group", key) == {"epoch": 2}
    # And a, polling again, finds out: it serves nothing and re-registers with a new lease.
    assert a.owned() == set()


async def test_a_clean_stop_hands_off_without_waiting_for_the_lease(
    replicas: Callable[..., Replica],
) -> None:
    a, b = await replicas("a:1").open(), await replicas("b:1").open()
    await until(lambda: len(a.owned()) + len(b.owned()) == SHARDS and bool(b.owned()), a, b)
    await a.manager.stop()
    await b.manager.poll()
    assert b.owned() == set(range(SHARDS))


async def test_unreachable_etcd_means_no_shard_once_the_lease_could_have_expired(
    tmp_path: Path, replicas: Callable[..., Replica]
) -> None:
    cluster = EtcdCluster(tmp_path / "etcd").start()
    try:
        settings = EtcdSettings(tuple(cluster.endpoints), call_timeout=0.5)
        a = await replicas("a:1", settings).open()
        await a.manager.poll()
        assert a.owned() == set(range(SHARDS))
        cluster.stop()
        async with asyncio.timeout(10):
            while a.owned():
                with pytest.raises(StoreUnavailable):
                    await a.manager.poll()
                await asyncio.sleep(0.1)
        assert not a.manager.lease_valid()
        with pytest.raises(FencedOut):
            await a.store.put("failover_group", ("acme", "p", "g"), {"epoch": 1})
    finally:
        cluster.stop()


async def test_a_failed_load_is_retried_at_the_next_poll(replicas: Callable[..., Replica]) -> None:
    a = await replicas("a:1").open()
    failures = [StoreUnavailable("slow")]

    async def flaky(shards: frozenset[int]) -> None:
        if failures:
            raise failures.pop()

    a.manager.on_acquire = flaky
    with pytest.raises(StoreUnavailable):
        await a.manager.poll()
    assert a.owned() == set()  # owner keys taken, but nothing served before it is loaded
    await a.manager.poll()
    assert a.owned() == set(range(SHARDS))


async def served(replica: Replica, shards: set[int], limit: float = 10.0) -> None:
    """Until the replica serves exactly `shards` (bounded; not a timing assertion)."""
    async with asyncio.timeout(limit):
        while True:
            replica.manager.changed.clear()
            if replica.owned() == shards:
                return
            await replica.manager.changed.wait()


async def test_joins_and_crashes_are_acted_on_when_etcd_reports_them_not_at_the_next_poll(
    etcd_cluster: EtcdCluster,
) -> None:
    settings = EtcdSettings(tuple(etcd_cluster.endpoints), prefix=f"/test-{uuid.uuid4().hex}/")
    log: list[tuple[str, str, int]] = []
    a, b = Replica(settings, "a:1", log), Replica(settings, "b:1", log)
    for replica in (a, b):
        # The safety-net poll would come after a minute: only the watch can act sooner.
        replica.manager.settings.poll_interval = 60.0
        await replica.open()
    try:
        await a.manager.start()
        assert a.owned() == set(range(SHARDS))
        await b.manager.start()  # b registers; a hears of it and hands b's share over
        expected = assign(SHARDS, ["a:1", "b:1"])
        await served(b, shards_of(expected, "b:1"))
        assert a.owned() == shards_of(expected, "a:1")
        # a crashes (no hand-off): its lease expires (TTL 2 s) and b takes everything.
        assert a.manager._task is not None
        a.manager._task.cancel()
        await served(b, set(range(SHARDS)))
    finally:
        for replica in (b, a):
            await replica.manager.stop()
            await replica.client.close()

"""The failover service with shards (several replicas), on a real SQLite store: groups load and
unload per shard, a change whose shard is lost before its commit is never written nor announced,
and calls for groups this replica does not serve get NOT_OWNER."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from server.domain.errors import DomainError, NotOwner
from server.domain.failover import GroupKey, HeartbeatResult
from server.services.clock import SystemClock
from server.services.failover import GROUP_KIND, FailoverService
from server.store.sqlite import SqliteStore
from tests.shard_ownership import OTHER_OWNER, FakeOwnership

KEY = GroupKey("t", "n", "g")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "db.sqlite3")
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def service(store: SqliteStore) -> AsyncIterator[tuple[FailoverService, FakeOwnership]]:
    ownership = FakeOwnership()
    service = FailoverService(store, SystemClock(), ownership=ownership)
    await service.start()
    await service.load_shards(frozenset({0, 1}))
    yield service, ownership
    await service.stop()


async def test_calls_for_groups_of_other_shards_are_refused(
    service: tuple[FailoverService, FakeOwnership],
) -> None:
    failover, ownership = service
    await failover.create_group(GroupKey("t", "n", "g1"), "G", "", 30.0)
    ownership.served = {0}
    with pytest.raises(NotOwner) as refused:
        await failover.get_group(GroupKey("t", "n", "g1"))
    assert refused.value.owner == OTHER_OWNER and refused.value.reason == "NOT_OWNER"
    with pytest.raises(NotOwner):
        await failover.heartbeat(GroupKey("t", "n", "g1"), "a", 1.0, None, None)
    stream = failover.open_stream(lambda pushes: asyncio.sleep(0), lambda: None)
    answers: list[HeartbeatResult | DomainError] = []

    async def answer(results: list[HeartbeatResult | DomainError]) -> None:
        answers.extend(results)

    # A stream message: the beat for another shard's group is refused alone.
    await failover.create_group(GroupKey("t", "n", "g0"), "G", "", 30.0)
    await failover.add_session(GroupKey("t", "n", "g0"), "a", "A", exist_ok=False)
    beats = [
        (GroupKey("t", "n", "g1"), "a", 1.0, None, None),
        (GroupKey("t", "n", "g0"), "a", 1.0, None, None),
    ]
    await stream.exchange(beats, [], answer)
    assert isinstance(answers[0], NotOwner) and answers[0].owner == OTHER_OWNER
    assert not isinstance(answers[1], Exception)
    stream.close()


async def test_release_writes_and_unloads_then_load_restores(
    service: tuple[FailoverService, FakeOwnership], store: SqliteStore
) -> None:
    failover, _ = service
    await failover.create_group(KEY, "G", "", 30.0)
    await failover.add_session(KEY, "a", "A", exist_ok=False)
    for _ in range(2):
        await failover.heartbeat(KEY, "a", 10.0, None, None)
    await failover.heartbeat(KEY, "a", 77.0, None, None)  # a plain value, not yet written
    await failover.release_shards(frozenset({0}))
    assert failover.find_group(KEY) is None
    stored = await store.get(GROUP_KIND, tuple(KEY))
    assert stored is not None and stored["sessions"][0]["score"] == 77.0  # flushed at hand-off
    await failover.load_shards(frozenset({0}))
    group = await failover.get_group(KEY)
    assert group.primary == "a" and group.epoch == 1


async def test_a_change_whose_shard_is_lost_before_its_commit_is_never_announced(
    service: tuple[FailoverService, FakeOwnership], store: SqliteStore
) -> None:
    failover, ownership = service
    await failover.create_group(KEY, "G", "", 30.0)
    await failover.add_session(KEY, "a", "A", exist_ok=False)
    beat = asyncio.create_task(failover.heartbeat(KEY, "a", 10.0, None, None))
    await asyncio.sleep(0)  # the heartbeat made "a" PendingPrimary and waits for its commit
    ownership.served = {1}
    await failover.drop_shards(frozenset({0}))  # the lease expired before the commit
    with pytest.raises(NotOwner):
        await beat
    await asyncio.sleep(0.1)
    stored = await store.get(GROUP_KIND, tuple(KEY))
    assert stored is not None and stored["pending"] is None  # not written either
    assert failover.find_group(KEY) is None


async def test_a_stream_stops_carrying_the_sessions_of_a_shard_handed_off(
    service: tuple[FailoverService, FakeOwnership],
) -> None:
    failover, ownership = service
    key = GroupKey("t", "n", "g0")
    await failover.create_group(key, "G", "", 30.0)
    await failover.add_session(key, "a", "A", exist_ok=False)
    stream = failover.open_stream(lambda pushes: asyncio.sleep(0), lambda: None)

    async def answer(results: list[HeartbeatResult | DomainError]) -> None:
        return None

    beat = [(key, "a", 1.0, None, None)]
    assert await stream.exchange(beat, [], answer) == [(key, "a")]
    ownership.served = {1}
    await failover.release_shards(frozenset({0}))
    assert failover._streams == {}
    # The shard comes back: the session's next beat registers it on the stream again.
    ownership.served = {0, 1}
    await failover.load_shards(frozenset({0}))
    assert await stream.exchange(beat, [], answer) == [(key, "a")]
    stream.close()

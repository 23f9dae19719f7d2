"""The failover service on a real SQLite store: durable before announced, group commit, epoch
floors, heartbeat values only every flush interval, a failed commit announces nothing.

Every timer (deadlines, the heartbeat flush, the commit retry back-off) runs on a FakeClock the
tests advance; the loop is only waited on for a condition, never for a span of wall time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest

from server.domain.clock import FakeClock, Timer
from server.domain.errors import DomainError, Unavailable
from server.domain.failover import GroupKey, HeartbeatResult, Role, RoleChange
from server.domain.overload import OverloadSettings
from server.services.failover import (
    EPOCH_FLOOR_KIND,
    GROUP_KIND,
    RETRY_MIN_SECONDS,
    FailoverService,
)
from server.store.base import DamagedDocument, Write
from server.store.sqlite import SqliteStore

KEY = GroupKey("t", "n", "g")


class RecordingStore(SqliteStore):
    """A real SQLite store that counts its transactions and can be made to fail them."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.transactions: list[list[Write]] = []
        self.fail = False
        self.gate: asyncio.Event | None = None
        self.waiting_at_gate = 0

    async def write(self, writes: Sequence[Write]) -> None:
        if self.gate is not None:
            self.waiting_at_gate += 1
            try:
                await self.gate.wait()
            finally:
                self.waiting_at_gate -= 1
        if self.fail:
            raise OSError("disk on fire")
        await super().write(writes)
        self.transactions.append(list(writes))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[RecordingStore]:
    store = RecordingStore(tmp_path / "db.sqlite3")
    await store.open()
    yield store
    await store.close()


async def stored(store: SqliteStore, key: GroupKey = KEY) -> dict[str, object]:
    doc = await store.get(GROUP_KIND, tuple(key))
    assert doc is not None
    return doc


async def stored_session(store: SqliteStore, sid: str) -> dict[str, object]:
    sessions = (await stored(store))["sessions"]
    assert isinstance(sessions, list)
    return next(s for s in sessions if s["id"] == sid)  # type: ignore[no-any-return]


async def until(predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for the loop to bring `predicate()` about; `within` (wall time) only bounds a hang."""
    give_up = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < give_up, "condition not met"
        await asyncio.sleep(0.005)


async def let_the_loop_run() -> None:
    """Yield until every task the last step made ready has run as far as it can without I/O
    or a timer (a handful of hops; generously more)."""
    for _ in range(50):
        await asyncio.sleep(0)


async def make_primary(service: FailoverService, key: GroupKey, sid: str) -> HeartbeatResult:
    assert (await service.heartbeat(key, sid, 10.0, None, None)).role == Role.PENDING_PRIMARY
    result = await service.heartbeat(key, sid, 10.0, None, None)
    assert result.role == Role.PRIMARY
    return result


async def flushing_every_30_s(store: RecordingStore, clock: FakeClock) -> FailoverService:
    """A started service with a group and its session "a": a 120 s timeout keeps a Primary
    while the clock passes a few 30 s flush intervals. 30 s is longer than `until` waits: only
    the fake clock can bring a flush about."""
    service = FailoverService(store, clock, heartbeat_flush_interval=30.0)
    await service.start()
    await service.create_group(KEY, "G", "", 120.0)
    await service.add_session(KEY, "a", "A", exist_ok=False)
    return service


async def test_roles_are_written_before_the_answer_heartbeat_values_on_the_interval(
    store: RecordingStore,
) -> None:
    clock = FakeClock()
    service = await flushing_every_30_s(store, clock)
    try:
        result = await make_primary(service, KEY, "a")
        # No sleep: the answer came after the commit.
        stored_a = await stored_session(store, "a")
        assert stored_a["role"] == 1 and (await stored(store))["epoch"] == result.epoch == 1

        before = len(store.transactions)
        await service.heartbeat(KEY, "a", 20.0, None, None)  # a plain heartbeat: no write
        assert len(store.transactions) == before
        assert (await stored_session(store, "a"))["score"] == 10.0
        clock.advance(29.9)  # before the interval: still nothing
        await let_the_loop_run()
        assert len(store.transactions) == before
        clock.advance(0.1)  # the interval is up: the value is written
        await until(lambda: len(store.transactions) > before)
        stored_a = await stored_session(store, "a")
        assert stored_a["score"] == 20.0 and stored_a["role"] == 1
    finally:
        await service.stop()


class EarlyTimers(FakeClock):
    """Fires each timer a millisecond before its time, as an asyncio loop may (it runs
    callbacks due within its clock resolution)."""

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        return super().call_at(when - 0.001, callback)


async def test_heartbeat_values_are_flushed_when_the_flush_timer_fires_early(
    store: RecordingStore,
) -> None:
    clock = EarlyTimers()
    service = await flushing_every_30_s(store, clock)
    try:
        await make_primary(service, KEY, "a")
        for score in (20.0, 30.0):  # two intervals: the flush timer is set again each time
            before = len(store.transactions)
            await service.heartbeat(KEY, "a", score, None, None)
            clock.advance(29.999)  # the timer fires now, a hair before its time
            await until(lambda before=before: len(store.transactions) > before)  # type: ignore[misc]
            assert (await stored_session(store, "a"))["score"] == score
            clock.advance(0.001)
    finally:
        await service.stop()


async def test_stop_writes_everything(store: RecordingStore) -> None:
    service = FailoverService(store, FakeClock(), heartbeat_flush_interval=60)
    await service.start()
    await service.create_group(KEY, "G", "", 30.0)
    await service.add_session(KEY, "a", "A", exist_ok=False)
    await make_primary(service, KEY, "a")
    await service.heartbeat(KEY, "a", 42.0, None, None)
    await service.stop()
    assert (await stored_session(store, "a"))["score"] == 42.0


async def test_pushes_wait_for_the_commit_and_changes_share_one_transaction(
    store: RecordingStore,
) -> None:
    """A deadline expiry in the timer callback: its pushes leave only after its commit, and
    the failovers of many groups at once are one transaction."""
    clock = FakeClock()
    # The lag watch times this machine's real loop; on a busy machine a late wake-up would
    # defer these virtual deadlines (overload rule 1, tested on its own in test_overload): an
    # hour's delay counts as behind, none of this test's.
    ignore_loop_lag = OverloadSettings(target=3600.0)
    service = FailoverService(store, clock, overload=ignore_loop_lag)
    await service.start()
    keys = [GroupKey("t", "n", f"g{i}") for i in range(50)]
    pushed: list[tuple[GroupKey, RoleChange, int]] = []
    messages: list[int] = []

    async def push(changes: list[tuple[GroupKey, RoleChange]]) -> None:
        messages.append(len(changes))
        pushed.extend((key, change, len(store.transactions)) for key, change in changes)

    stream = service.open_stream(push, on_overflow=lambda: None)

    async def answer(results: list[HeartbeatResult | DomainError]) -> None:
        pass

    try:

        async def set_up(key: GroupKey) -> None:
            await service.create_group(key, "G", "", 1.0)
            await service.add_session(key, "a", "A", exist_ok=False)
            await service.add_session(key, "b", "B", exist_ok=False)
            await make_primary(service, key, "a")

        await asyncio.gather(*(set_up(key) for key in keys))
        await stream.exchange([(key, "b", 1.0, None, None) for key in keys], [], answer)
        before = len(store.transactions)
        # b keeps heartbeating, a stops: every a misses its deadline (1 s) at the same time.
        for _ in range(3):
            clock.advance(0.25)
            await stream.exchange([(key, "b", 1.0, None, None) for key in keys], [], answer)
        await let_the_loop_run()
        assert pushed == [] and len(store.transactions) == before  # 0.75 s: no deadline yet
        for _ in range(3):
            clock.advance(0.25)
            await stream.exchange([(key, "b", 1.0, None, None) for key in keys], [], answer)

        def pending_pushes() -> list[tuple[GroupKey, RoleChange, int]]:
            return [p for p in pushed if p[1].role == Role.PENDING_PRIMARY]

        await until(lambda: len(pending_pushes()) == len(keys))
        await let_the_loop_run()
        assert len(pending_pushes()) == len(keys)
        for key, _, transactions_at_push in pending_pushes():
            assert transactions_at_push > before
            doc = await stored(store, key)
            assert "b" in (doc["pending"], doc["primary"])
        # 50 failovers, a few transactions (a handful of timer firings), never one per group,
        # and as few push messages: each carries every change of its commit for this stream.
        assert len(store.transactions) - before < 10
        assert len(messages) < 10
        # b was told by the push: its next heartbeat acknowledges.
        results: list[HeartbeatResult | DomainError] = []

        async def keep(found: list[HeartbeatResult | DomainError]) -> None:
            results.extend(found)

        await stream.exchange([(keys[0], "b", 1.0, None, None)], [], keep)
        assert isinstance(results[0], HeartbeatResult) and results[0].role == Role.PRIMARY
        assert (await stored(store, keys[0]))["primary"] == "b"
    finally:
        stream.close()
        await service.stop()


async def test_a_failed_commit_announces_nothing_and_is_retried(store: RecordingStore) -> None:
    clock = FakeClock()
    service = FailoverService(store, clock)
    await service.start()
    try:
        await service.create_group(KEY, "G", "", 30.0)
        await service.add_session(KEY, "a", "A", exist_ok=False)
        store.fail = True
        timers = clock.pending_timers()
        with pytest.raises(Unavailable) as caught:
            await service.heartbeat(KEY, "a", 10.0, None, None)
        assert caught.value.reason == "STORE_UNAVAILABLE"
        assert service.failed_commits == 1
        # The retry waits on the clock (the other new timer: a's deadline, its first heartbeat).
        assert clock.pending_timers() == timers + 2
        # Reads of the group wait for it to be durable: UNAVAILABLE while it cannot be. (The
        # read starts before the retry's timer fires, so it waits for that retry.)
        reading = asyncio.create_task(service.get_group(KEY))
        await let_the_loop_run()
        assert not reading.done() and service.failed_commits == 1  # no retry before its time
        clock.advance(RETRY_MIN_SECONDS)
        with pytest.raises(Unavailable):
            await reading
        assert service.failed_commits == 2
        store.fail = False
        reading = asyncio.create_task(service.get_group(KEY))
        clock.advance(2 * RETRY_MIN_SECONDS)  # the back-off doubled
        group = await asyncio.wait_for(reading, 10)
        assert group.pending == "a" and (await stored(store))["pending"] == "a"
        assert service.failed_commits == 2
    finally:
        await service.stop()


async def test_an_answer_to_any_session_waits_for_its_groups_commit(
    store: RecordingStore,
) -> None:
    service = FailoverService(store, FakeClock())
    await service.start()
    try:
        await service.create_group(KEY, "G", "", 30.0)
        for sid in ("a", "b"):
            await service.add_session(KEY, sid, sid, exist_ok=False)
        await make_primary(service, KEY, "a")
        await service.heartbeat(KEY, "b", 1.0, None, None)
        store.gate = asyncio.Event()
        removal = asyncio.create_task(service.remove_session(KEY, "a"))  # b: PendingPrimary
        await until(lambda: store.waiting_at_gate == 1)  # its commit is being written
        answer = asyncio.create_task(service.heartbeat(KEY, "b", 1.0, None, None))
        await let_the_loop_run()
        assert not removal.done() and not answer.done()  # nothing before the commit
        store.gate.set()
        assert (await answer).role == Role.PENDING_PRIMARY
        await removal
    finally:
        store.gate = None
        await service.stop()


async def test_epochs_are_never_reused_across_delete_re_create_and_restart(
    store: RecordingStore,
) -> None:
    service = FailoverService(store, FakeClock())
    await service.start()
    await service.create_group(KEY, "G", "", 30.0)
    await service.add_session(KEY, "a", "A", exist_ok=False)
    await make_primary(service, KEY, "a")
    await service.goodbye(KEY, "a")
    await service.delete_group(KEY)
    assert await store.get(GROUP_KIND, tuple(KEY)) is None
    assert await store.get(EPOCH_FLOOR_KIND, tuple(KEY)) == {"epoch": 1}
    # The delete and the floor are one transaction.
    assert {w.kind for w in store.transactions[-1]} == {GROUP_KIND, EPOCH_FLOOR_KIND}
    await service.stop()

    service = FailoverService(store, FakeClock())
    await service.start()
    try:
        await service.create_group(KEY, "G", "", 30.0)
        await service.add_session(KEY, "b", "B", exist_ok=False)
        assert (await make_primary(service, KEY, "b")).epoch == 2
    finally:
        await service.stop()


async def test_an_invalid_stored_group_is_kept_aside_and_the_rest_serves(
    store: RecordingStore, caplog: pytest.LogCaptureFixture
) -> None:
    service = FailoverService(store, FakeClock())
    await service.start()
    good, bad = GroupKey("t", "n", "good"), GroupKey("t", "n", "bad")
    for key in (good, bad):
        await service.create_group(key, "G", "", 30.0)
    await service.stop()
    damaged = await stored(store, bad)
    damaged["timeout"] = -5
    await store.put(GROUP_KIND, tuple(bad), damaged)

    service = FailoverService(store, FakeClock())
    await service.start()
    try:
        assert (await service.get_group(good)).name == "G"
        for attempt in (
            service.get_group(bad),
            service.create_group(bad, "New", "", 30.0),
            service.put_group(bad, "New", "", 30.0),
            service.delete_group(bad),
        ):
            with pytest.raises(DamagedDocument):
                await attempt
        assert await stored(store, bad) == damaged  # not loaded, not replaced, not deleted
        assert "kept aside: the stored failover_group 't/n/bad' is invalid" in caplog.text
    finally:
        await service.stop()
    assert await stored(store, bad) == damaged


async def test_a_stream_whose_reader_falls_behind_is_ended_after_a_bounded_backlog(
    store: RecordingStore,
) -> None:
    service = FailoverService(store, FakeClock())
    await service.start()
    stuck = asyncio.Event()  # never set: a reader that stopped reading
    overflows: list[int] = []

    async def slow_push(changes: list[tuple[GroupKey, RoleChange]]) -> None:
        await stuck.wait()

    async def fast_push(changes: list[tuple[GroupKey, RoleChange]]) -> None:
        pass

    async def ignore(results: list[HeartbeatResult | DomainError]) -> None:
        pass

    slow = service.open_stream(slow_push, on_overflow=lambda: overflows.append(1), max_backlog=5)
    fast = service.open_stream(fast_push, on_overflow=lambda: overflows.append(2))
    keys = [GroupKey("t", "n", f"b{i}") for i in range(8)]
    try:
        for key in keys:
            await service.create_group(key, "G", "", 30.0)
            for sid in ("p", "a", "b"):
                await service.add_session(key, sid, sid, exist_ok=False)
            await make_primary(service, key, "p")
        await slow.exchange([(key, "a", 99.0, None, None) for key in keys], [], ignore)
        await fast.exchange([(key, "b", 1.0, None, None) for key in keys], [], ignore)
        for key in keys:  # a becomes PendingPrimary everywhere: one commit, one push each
            await service.remove_session(key, "p")
        await until(lambda: bool(overflows))
        await let_the_loop_run()
        assert overflows == [1]  # ended once, and only the slow stream
        assert slow.overflowed and not fast.overflowed
        assert len(slow._tasks) == 5  # the backlog stayed bounded
    finally:
        slow.close()
        fast.close()
        await service.stop()

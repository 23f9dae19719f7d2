"""Persistence policy of the coordinator on a real SQLite store: role and configuration
changes are written at once, plain heartbeat values only every flush interval."""

from __future__ import annotations

import asyncio
from pathlib import Path

from server.coordinator import GROUP_KIND, FailoverCoordinator
from server.domain.failover import GroupKey
from server.services.clock import SystemClock
from server.store.sqlite import SqliteStore

KEY = GroupKey("t", "n", "g")


async def stored_session(store: SqliteStore, sid: str) -> dict[str, object]:
    doc = await store.get(GROUP_KIND, tuple(KEY))
    assert doc is not None
    sessions = doc["sessions"]
    return next(s for s in sessions if s["id"] == sid)  # type: ignore[no-any-return]


async def test_roles_are_written_at_once_heartbeat_values_on_the_interval(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    await store.open()
    coordinator = FailoverCoordinator(store, SystemClock(), heartbeat_flush_interval=0.5)
    await coordinator.start()
    try:
        coordinator.core.create_group(KEY, "G", "", 30.0)
        coordinator.core.add_session(KEY, "a", "A", exist_ok=False)
        await coordinator.commit(KEY)

        coordinator.core.heartbeat(KEY, "a", 10.0, None, None)  # becomes Primary: urgent
        await asyncio.sleep(0.1)
        first = await stored_session(store, "a")
        assert first["role"] == 1 and first["score"] == 10.0

        coordinator.core.heartbeat(KEY, "a", 20.0, None, None)  # a plain heartbeat
        await asyncio.sleep(0.1)
        assert (await stored_session(store, "a"))["score"] == 10.0
        await asyncio.sleep(0.6)
        assert (await stored_session(store, "a"))["score"] == 20.0
    finally:
        await coordinator.stop()
        await store.close()


async def test_stop_writes_everything(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    await store.open()
    coordinator = FailoverCoordinator(store, SystemClock(), heartbeat_flush_interval=60)
    await coordinator.start()
    coordinator.core.create_group(KEY, "G", "", 30.0)
    coordinator.core.add_session(KEY, "a", "A", exist_ok=False)
    await coordinator.commit(KEY)
    coordinator.core.heartbeat(KEY, "a", 1.0, None, None)
    coordinator.core.heartbeat(KEY, "a", 42.0, None, None)
    await coordinator.stop()
    assert (await stored_session(store, "a"))["score"] == 42.0
    await store.close()

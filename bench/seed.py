"""Writes failover groups straight into a data directory's store before the server starts.

The documents come from the failover core itself (create the group, add its sessions, take its
snapshot), so they are exactly what the server would have written; one SQLite transaction
holds them all. Far faster than 100,000 RPCs, and the server under test sees only a restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from server.domain.clock import FakeClock
from server.domain.failover import FailoverCore, GroupKey
from server.domain.quotas import Quotas
from server.services.failover import GROUP_KIND
from server.store.base import Write
from server.store.sqlite import SqliteStore

TENANT = "bench"
NAMESPACE = "load"
# Store file name under the data dir, as server.store.open_store names it.
STORE_FILE = "rolecall.sqlite3"


@dataclass(frozen=True, slots=True)
class GroupSet:
    """`count` groups named `{prefix}{i}`, each with sessions `s0..s{sessions-1}`.

    `live`: every session heartbeats once before the snapshot, so the group has a Primary (s0)
    and the store holds what a busy server leaves behind (every session gets a grace on restore).
    """

    prefix: str
    count: int
    sessions: int
    timeout: float
    live: bool = False

    def group_ids(self) -> list[str]:
        return [f"{self.prefix}{i}" for i in range(self.count)]

    def session_ids(self) -> list[str]:
        return [f"s{j}" for j in range(self.sessions)]


def build_documents(sets: Iterable[GroupSet]) -> list[Write]:
    # The bench seeds more groups per namespace than the default quota lets clients create;
    # a restore loads them all.
    core = FailoverCore(FakeClock(), quotas=Quotas(groups_per_namespace=10**9))
    writes: list[Write] = []
    for group_set in sets:
        session_ids = group_set.session_ids()
        for group_id in group_set.group_ids():
            key = GroupKey(TENANT, NAMESPACE, group_id)
            core.create_group(key, group_id, "bench", group_set.timeout)
            for session_id in session_ids:
                core.add_session(key, session_id, session_id, exist_ok=False)
            if group_set.live:
                for session_id in session_ids:
                    core.heartbeat(key, session_id, 50.0, None, None)
                # s0 was chosen PendingPrimary; told so, its next heartbeat acknowledges.
                core.told_pending(key, "s0", core.get_group(key).pending_serial)
                core.heartbeat(key, "s0", 50.0, None, None)
            writes.append(Write(GROUP_KIND, tuple(key), core.snapshot(key)))
    return writes


async def _write(data_dir: Path, writes: list[Write]) -> None:
    store = SqliteStore(data_dir / STORE_FILE)
    await store.open()
    try:
        await store.write(writes)
    finally:
        await store.close()


def seed(data_dir: Path, sets: Iterable[GroupSet]) -> int:
    """Writes the groups into `data_dir`'s store; answers how many groups were written."""
    writes = build_documents(sets)
    asyncio.run(_write(data_dir, writes))
    return len(writes)

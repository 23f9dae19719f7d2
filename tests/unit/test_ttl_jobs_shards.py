"""TTL sessions and Freezer projects with shards (several replicas), on a real SQLite store and a
fake clock: calls for another shard's tenant or project get NOT_OWNER naming the owner; a taken
shard's TTL sessions load with a fresh timeout of grace (written before serving), expired ones
are purged; a shard given up or lost is forgotten and never expired here; REST forwarding finds
each call's shard key."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rolecall.failover.v1 import failover_pb2
from rolecall.jobs.v1 import jobs_pb2
from rolecall.ttl.v1 import ttl_pb2

from server.api.forwarding import shard_key_of
from server.domain import users
from server.domain.clock import FakeClock
from server.domain.errors import NotFound, NotOwner, QuotaExceeded
from server.domain.quotas import DEFAULT_QUOTAS, Quotas
from server.services.jobs import Jobs
from server.services.ttl_sessions import KIND as TTL_KIND
from server.services.ttl_sessions import TtlSessions
from server.services.users import Users
from server.store.base import FencedOut, Key, Write
from server.store.sqlite import SqliteStore
from tests.shard_ownership import OTHER_OWNER, FakeOwnership

CHEAP = users.ScryptParams(n=2**8, r=8, p=1)
TIMEOUT = 60
JOB = {"client_id": "node-a", "job_schedule": {}, "job_actions": []}


@pytest.fixture
async def accounts(store: SqliteStore) -> AsyncIterator[Users]:
    service = Users(store)
    for tenant in ("t0", "t1"):
        await service.add(tenant, "alice", "pw", params=CHEAP)
    yield service
    service.close()


async def replica(
    store: SqliteStore,
    clock: FakeClock,
    accounts: Users,
    shards: frozenset[int] = frozenset({0, 1}),
    quotas: Quotas = DEFAULT_QUOTAS,
) -> tuple[TtlSessions, FakeOwnership]:
    """A replica's TTL sessions, having taken `shards`."""
    ownership = FakeOwnership()
    sessions = TtlSessions(store, clock, accounts, ownership=ownership, quotas=quotas)
    assert await sessions.load() == 0  # nothing before a shard is taken
    await sessions.load_shards(shards)
    return sessions, ownership


async def test_ttl_calls_for_another_shards_tenant_name_the_owner(
    store: SqliteStore, accounts: Users
) -> None:
    sessions, ownership = await replica(store, FakeClock(), accounts)
    created = await sessions.create("t1", "alice", "pw", timeout_seconds=TIMEOUT)
    ownership.served = {0}
    with pytest.raises(NotOwner) as refused:
        await sessions.get("t1", created.session_id, created.bearer)
    assert refused.value.owner == OTHER_OWNER and refused.value.reason == "NOT_OWNER"
    with pytest.raises(NotOwner):
        await sessions.create("t1", "alice", "pw")
    with pytest.raises(NotOwner):
        await sessions.delete("t1", created.session_id, created.bearer)
    # Tenant t0 is still served here.
    assert (await sessions.create("t0", "alice", "pw")).valid_credentials


async def test_a_taken_shard_gives_every_session_a_fresh_timeout_of_grace(
    store: SqliteStore, accounts: Users
) -> None:
    clock = FakeClock()
    old, _ = await replica(store, clock, accounts)
    lives = await old.create("t1", "alice", "pw", timeout_seconds=TIMEOUT)
    dies = await old.create("t1", "alice", "pw", timeout_seconds=5)
    other = await old.create("t0", "alice", "pw", timeout_seconds=TIMEOUT)
    # The owner dies (nothing handed off); 10 s later another replica takes shard 1.
    clock.advance(10)
    new, _ = await replica(store, clock, accounts, frozenset({1}))
    assert len(new) == 1
    taken_at = clock.wall()
    doc = await store.get(TTL_KIND, ("t1", lives.session_id))
    assert (
        doc is not None and doc["expires_at"] == (taken_at + timedelta(seconds=TIMEOUT)).timestamp()
    )
    # The one already expired is purged, not revived.
    assert await store.get(TTL_KIND, ("t1", dies.session_id)) is None
    # Shard 0 is not this replica's: its session is neither held nor touched.
    assert await store.get(TTL_KIND, ("t0", other.session_id)) is not None
    with pytest.raises(NotFound):
        await new.get_static("t0", other.session_id, other.bearer)
    # It outlives its first deadline (created + 60 s) by the grace, then expires here.
    clock.advance(TIMEOUT - 1)
    assert (await new.get_static("t1", lives.session_id, lives.bearer)).user_id
    clock.advance(2)
    await new.drain()
    assert await store.get(TTL_KIND, ("t1", lives.session_id)) is None


async def test_a_shard_loaded_again_counts_its_sessions_once(
    store: SqliteStore, accounts: Users
) -> None:
    quotas = Quotas(ttl_sessions_per_tenant=2)
    sessions, _ = await replica(store, FakeClock(), accounts, quotas=quotas)
    await sessions.create("t1", "alice", "pw")
    # A load retried after a failure (the failover load after it failed, say).
    await sessions.load_shards(frozenset({1}))
    assert (await sessions.create("t1", "alice", "pw")).valid_credentials
    with pytest.raises(QuotaExceeded):
        await sessions.create("t1", "alice", "pw")


async def test_a_shard_given_up_is_forgotten_and_never_expired_here(
    store: SqliteStore, accounts: Users
) -> None:
    clock = FakeClock()
    sessions, ownership = await replica(store, clock, accounts)
    moved = await sessions.create("t1", "alice", "pw", timeout_seconds=5)
    kept = await sessions.create("t0", "alice", "pw", timeout_seconds=5)
    ownership.served = {0}
    await sessions.release_shards(frozenset({1}))
    assert len(sessions) == 1
    # The list across shards reads the store: both sessions are there.
    listed = {session for _tenant, session, _at, _timeout in await sessions.expiries()}
    assert listed == {moved.session_id, kept.session_id}
    clock.advance(6)
    await sessions.drain()
    # Only the held session expired here; the moved one is the new owner's to expire.
    assert await store.get(TTL_KIND, ("t0", kept.session_id)) is None
    assert await store.get(TTL_KIND, ("t1", moved.session_id)) is not None
    await sessions.drop_shards(frozenset({0}))
    assert len(sessions) == 0


async def test_freezer_calls_for_another_shards_project_name_the_owner(
    store: SqliteStore,
) -> None:
    ownership = FakeOwnership()
    jobs = Jobs(store, FakeClock(), ownership=ownership)
    job_id = await jobs.create_job("p1", "u", JOB)
    ownership.served = {0}
    for call in (
        jobs.get_job("p1", job_id),
        jobs.list_jobs("p1"),
        jobs.create_session("p1", "u", {"schedule": {}}),
        jobs.delete_job("p1", job_id),
    ):
        with pytest.raises(NotOwner) as refused:
            await call
        assert refused.value.owner == OTHER_OWNER
    assert await jobs.list_jobs("p0") == []


class FencingStore(SqliteStore):
    """SQLite, except that once `fence` is set every write is refused as etcd refuses a write
    of a shard another replica took (shard 1, now held by "new:1")."""

    fence = False

    async def write(self, writes: Sequence[Write]) -> None:
        if self.fence:
            raise FencedOut({1}, {1: "new:1"})
        await super().write(writes)

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        await self.write([Write(kind, key, doc)])

    async def delete(self, kind: str, key: Key) -> bool:
        await self.write([Write(kind, key, None)])
        return True


async def test_a_fenced_write_gives_the_shard_up_at_once(tmp_path: Path) -> None:
    store = FencingStore(tmp_path / "fenced.sqlite3")
    await store.open()
    accounts = Users(store)
    await accounts.add("t1", "alice", "pw", params=CHEAP)
    try:
        sessions, ownership = await replica(store, FakeClock(), accounts)
        jobs = Jobs(store, FakeClock(), ownership=ownership)
        created = await sessions.create("t1", "alice", "pw")
        job_id = await jobs.create_job("p1", "u", JOB)
        store.fence = True
        with pytest.raises(NotOwner) as refused:
            await sessions.put_data("t1", created.session_id, created.bearer, {"x": 1})
        # Given up now (not at the next poll), and the caller is sent to the owner.
        assert ownership.served == {0} and refused.value.owner == OTHER_OWNER
        ownership.served = {0, 1}
        with pytest.raises(NotOwner):
            await jobs.update_job("p1", job_id, {"description": "d"})
        assert ownership.served == {0}
    finally:
        accounts.close()
        await store.close()


def test_forwarded_calls_name_their_shard_key() -> None:
    ttl = "/rolecall.ttl.v1.TtlSessionService/GetSession"
    assert shard_key_of(ttl, ttl_pb2.GetSessionRequest(id="s"), {"x-g4-tenant": "acme"}) == (
        "acme",
    )
    assert shard_key_of(ttl, ttl_pb2.GetSessionRequest(id="s"), {}) is None
    jobs = "/rolecall.jobs.v1.JobService/GetJob"
    assert shard_key_of(jobs, jobs_pb2.GetJobRequest(project_id="p", job_id="j"), {}) == ("p",)
    failover = "/rolecall.failover.v1.ClientFailoverService/GetGroup"
    group = failover_pb2.GetGroupRequest(tenant_id="t", namespace_id="n", group_id="g")
    assert shard_key_of(failover, group, {}) == ("t", "n", "g")
    # A REST create names its group only in the body, which the owner parses.
    create = failover_pb2.CreateGroupRequest(tenant_id="t", namespace_id="n")
    create.http_body.data = b'{"Id": "g", "Name": "G"}'
    assert shard_key_of(failover, create, {}) == ("t", "n", "g")
    create.http_body.data = b"[not json"
    assert shard_key_of(failover, create, {}) is None  # answered here: 400
    live = "/rolecall.live.v1.LiveSessionService/ListSessions"
    assert shard_key_of(live, group, {}) is None  # streams are per replica: never forwarded

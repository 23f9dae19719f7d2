"""TTL sessions: login, bearer checks, sliding and static reads, expiry by heap, restart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from server.api.ttl import parse_bearer
from server.domain import limits, users
from server.domain.clock import FakeClock
from server.domain.errors import (
    InvalidArgument,
    NotFound,
    QuotaExceeded,
    TooLarge,
    Unauthenticated,
)
from server.domain.quotas import Quotas
from server.domain.ttl_sessions import CreatedSession
from server.services.ttl_sessions import KIND as TTL_KIND
from server.services.ttl_sessions import TtlSessions
from server.services.users import Users
from server.store.sqlite import SqliteStore

CHEAP = users.ScryptParams(n=2**8, r=8, p=1)


class CountingStore(SqliteStore):
    """The SQLite store, counting the writes of TTL session documents."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.session_writes = 0

    async def put(self, kind: str, key: tuple[str, ...], doc: Mapping[str, Any]) -> None:
        if kind == TTL_KIND:
            self.session_writes += 1
        await super().put(kind, key, doc)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CountingStore]:
    s = CountingStore(tmp_path / "db.sqlite3")
    await s.open()
    yield s
    await s.close()


@pytest.fixture
async def accounts(store: CountingStore) -> AsyncIterator[Users]:
    service = Users(store)
    await service.add("t1", "alice", "pw", "Alice", "a@example.com", ["ops"], params=CHEAP)
    await service.add("t2", "bob", "pw", params=CHEAP)
    yield service
    service.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def sessions(store: CountingStore, clock: FakeClock, accounts: Users) -> TtlSessions:
    s = TtlSessions(store, clock, accounts)
    await s.load()
    return s


async def login(sessions: TtlSessions, **kwargs: Any) -> CreatedSession:
    created = await sessions.create("t1", "alice", "pw", **kwargs)
    assert created.valid_credentials
    return created


async def test_login_creates_a_session_with_a_bearer(
    sessions: TtlSessions, store: CountingStore, clock: FakeClock
) -> None:
    created = await login(sessions, data={"cart": [1, 2]}, application="shop")
    assert created.access_allowed
    assert created.session_id and created.bearer
    assert created.user is not None and created.user.username == "alice"
    assert created.version == 1
    assert created.expires_at == clock.wall() + timedelta(
        seconds=limits.DEFAULT_TTL_TIMEOUT_SECONDS
    )
    assert created.claims is not None
    assert created.claims["sub"] == created.user.user_id
    assert created.claims["sid"] == created.session_id
    assert created.claims["tenant"] == "t1"
    assert created.claims["application"] == "shop"
    doc = await store.get(TTL_KIND, ("t1", created.session_id))
    assert doc is not None
    assert created.bearer not in repr(doc)
    got = await sessions.get("t1", created.session_id, created.bearer)
    assert got.data == {"cart": [1, 2]}
    assert got.user_id == created.user.user_id


@pytest.mark.parametrize(
    ("tenant", "username", "password"),
    [("t1", "alice", "nope"), ("t1", "carol", "pw"), ("t2", "alice", "pw")],
)
async def test_wrong_credentials_create_nothing(
    sessions: TtlSessions, store: CountingStore, tenant: str, username: str, password: str
) -> None:
    created = await sessions.create(tenant, username, password)
    assert not created.valid_credentials
    assert not created.access_allowed
    assert created.session_id == "" and created.bearer == ""
    assert await store.scan(TTL_KIND) == []
    assert sessions.next_deadline() is None


@pytest.mark.parametrize("seconds", [-1, limits.MAX_TTL_TIMEOUT_SECONDS + 1])
async def test_bad_timeout_is_refused(sessions: TtlSessions, seconds: int) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await sessions.create("t1", "alice", "pw", timeout_seconds=seconds)
    assert caught.value.reason == "INVALID_TIMEOUT"


async def test_missing_tenant_is_refused(sessions: TtlSessions) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await sessions.create("", "alice", "pw")
    assert caught.value.reason == "MISSING_ID"


async def test_bad_data_is_refused(sessions: TtlSessions) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await sessions.create("t1", "alice", "pw", data=float("nan"))
    assert caught.value.reason == "INVALID_SESSION_DATA"
    with pytest.raises(TooLarge) as too_large:
        await sessions.create("t1", "alice", "pw", data="x" * limits.MAX_TTL_DATA_BYTES)
    assert too_large.value.reason == "SESSION_DATA_TOO_LARGE"


async def test_get_slides_the_expiry(sessions: TtlSessions, clock: FakeClock) -> None:
    created = await login(sessions, timeout_seconds=100)
    for _ in range(5):
        clock.advance(90)
        got = await sessions.get("t1", created.session_id, created.bearer)
        assert got.expires_at == clock.wall() + timedelta(seconds=100)
    clock.advance(101)  # the expiry timer fires and forgets it
    with pytest.raises(NotFound) as caught:
        await sessions.get("t1", created.session_id, created.bearer)
    assert caught.value.reason == "TTL_SESSION_NOT_FOUND"


async def test_static_get_does_not_slide(
    sessions: TtlSessions, store: CountingStore, clock: FakeClock
) -> None:
    created = await login(sessions, timeout_seconds=100)
    clock.advance(90)
    got = await sessions.get_static("t1", created.session_id, created.bearer)
    assert got.expires_at == created.expires_at
    await sessions.close()  # no timer: a request meets the expired session first
    clock.advance(10)
    with pytest.raises(NotFound) as caught:
        await sessions.get_static("t1", created.session_id, created.bearer)
    assert caught.value.reason == "TTL_SESSION_EXPIRED"
    assert await store.scan(TTL_KIND) == []  # purged on the spot
    with pytest.raises(NotFound) as again:
        await sessions.get_static("t1", created.session_id, created.bearer)
    assert again.value.reason == "TTL_SESSION_NOT_FOUND"


async def test_sliding_writes_the_store_at_most_once_a_second(
    sessions: TtlSessions, store: CountingStore, clock: FakeClock
) -> None:
    created = await login(sessions)
    writes_after_create = store.session_writes
    for _ in range(10):
        clock.advance(0.05)
        await sessions.get("t1", created.session_id, created.bearer)
    assert store.session_writes == writes_after_create  # 0.5 s of sliding: nothing written
    clock.advance(0.6)
    await sessions.get("t1", created.session_id, created.bearer)
    assert store.session_writes == writes_after_create + 1
    doc = await store.get(TTL_KIND, ("t1", created.session_id))
    assert doc is not None
    assert doc["expires_at"] == (clock.wall().timestamp() + limits.DEFAULT_TTL_TIMEOUT_SECONDS)


@pytest.mark.parametrize("bearer", ["", "not-the-bearer"])
async def test_missing_or_wrong_bearer_is_unauthenticated(
    sessions: TtlSessions, bearer: str
) -> None:
    created = await login(sessions)
    for call in (sessions.get, sessions.get_static, sessions.delete):
        with pytest.raises(Unauthenticated) as caught:
            await call("t1", created.session_id, bearer)
        assert caught.value.reason == "INVALID_BEARER"
    with pytest.raises(Unauthenticated):
        await sessions.put_data("t1", created.session_id, bearer, {"x": 1})
    got = await sessions.get_static("t1", created.session_id, created.bearer)
    assert got.data is None  # unchanged


async def test_another_tenant_sees_not_found(sessions: TtlSessions) -> None:
    created = await login(sessions)
    with pytest.raises(NotFound) as caught:
        await sessions.get("t2", created.session_id, created.bearer)
    assert caught.value.reason == "TTL_SESSION_NOT_FOUND"


async def test_bearer_of_another_session_is_refused(sessions: TtlSessions) -> None:
    first = await login(sessions)
    second = await login(sessions)
    with pytest.raises(Unauthenticated):
        await sessions.get("t1", first.session_id, second.bearer)


@pytest.mark.parametrize("data", [{"a": 1}, [1, "x", None], "text", 42, None, True])
async def test_put_replaces_data_with_any_json(sessions: TtlSessions, data: Any) -> None:
    created = await login(sessions, data={"old": True})
    updated = await sessions.put_data("t1", created.session_id, created.bearer, data)
    assert updated.version == 2
    got = await sessions.get_static("t1", created.session_id, created.bearer)
    assert got.data == data
    assert got.version == 2


async def test_put_slides_the_expiry(sessions: TtlSessions, clock: FakeClock) -> None:
    created = await login(sessions, timeout_seconds=100)
    clock.advance(90)
    updated = await sessions.put_data("t1", created.session_id, created.bearer, 1)
    assert updated.expires_at == clock.wall() + timedelta(seconds=100)


async def test_delete_ends_the_session(sessions: TtlSessions, store: CountingStore) -> None:
    created = await login(sessions)
    await sessions.delete("t1", created.session_id, created.bearer)
    assert await store.scan(TTL_KIND) == []
    with pytest.raises(NotFound) as caught:
        await sessions.get("t1", created.session_id, created.bearer)
    assert caught.value.reason == "TTL_SESSION_NOT_FOUND"


async def test_expiry_fires_on_virtual_time_without_requests(
    sessions: TtlSessions, store: CountingStore, clock: FakeClock
) -> None:
    short = await login(sessions, timeout_seconds=10)
    long = await login(sessions, timeout_seconds=100)
    assert sessions.next_deadline() == clock.monotonic() + 10
    clock.advance(9.9)
    assert len(sessions) == 2
    clock.advance(0.1)  # the driver's timer fires inside advance()
    assert len(sessions) == 1
    await sessions.drain()
    assert [key for key, _ in await store.scan(TTL_KIND)] == [("t1", long.session_id)]
    with pytest.raises(NotFound):
        await sessions.get_static("t1", short.session_id, short.bearer)
    assert sessions.next_deadline() == clock.monotonic() + 90
    clock.advance(90)
    await sessions.drain()
    assert len(sessions) == 0
    assert sessions.next_deadline() is None
    assert await store.scan(TTL_KIND) == []


async def test_a_slid_session_outlives_its_first_deadline(
    sessions: TtlSessions, clock: FakeClock
) -> None:
    created = await login(sessions, timeout_seconds=10)
    clock.advance(8)
    await sessions.get("t1", created.session_id, created.bearer)
    clock.advance(2)  # the first deadline passes, but the session was used
    assert len(sessions) == 1
    assert sessions.next_deadline() == clock.monotonic() + 8
    clock.advance(8)
    assert len(sessions) == 0


async def test_a_deleted_session_does_not_expire_again(
    sessions: TtlSessions, clock: FakeClock
) -> None:
    created = await login(sessions, timeout_seconds=10)
    await sessions.delete("t1", created.session_id, created.bearer)
    assert sessions.next_deadline() is None
    clock.advance(10)
    assert sessions.expire() == 0


async def test_a_sooner_session_moves_the_timer_earlier(
    sessions: TtlSessions, clock: FakeClock
) -> None:
    await login(sessions, timeout_seconds=100)
    await login(sessions, timeout_seconds=200)
    await login(sessions, timeout_seconds=50)
    clock.advance(50)
    assert len(sessions) == 2
    clock.advance(50)
    assert len(sessions) == 1


async def test_close_stops_the_timer(sessions: TtlSessions, clock: FakeClock) -> None:
    await login(sessions, timeout_seconds=10)
    assert clock.pending_timers() == 1
    await sessions.close()
    assert clock.pending_timers() == 0


async def test_sessions_survive_a_restart_and_expired_ones_are_purged_at_load(
    sessions: TtlSessions, store: CountingStore, clock: FakeClock, accounts: Users
) -> None:
    keeps = await login(sessions, data=["kept"], timeout_seconds=1000)
    await login(sessions, timeout_seconds=10)
    clock.advance(20)
    restarted = TtlSessions(store, clock, accounts)
    assert await restarted.load() == 1
    assert [key for key, _ in await store.scan(TTL_KIND)] == [("t1", keeps.session_id)]
    got = await restarted.get("t1", keeps.session_id, keeps.bearer)
    assert got.data == ["kept"]


@pytest.mark.parametrize(
    ("header", "bearer"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", ""),
        ("", ""),
        (None, ""),
        ("Bearer", ""),
    ],
)
def test_parse_bearer(header: str | None, bearer: str) -> None:
    assert parse_bearer(header) == bearer


async def test_an_invalid_stored_session_is_kept_aside_and_the_rest_load(
    sessions: TtlSessions,
    store: CountingStore,
    clock: FakeClock,
    accounts: Users,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = await login(sessions, timeout_seconds=100)
    await store.put(TTL_KIND, ("t1", "bad"), {"expires_at": "soon", "timeout": 5})
    restarted = TtlSessions(store, clock, accounts)
    assert await restarted.load() == 1
    assert "kept aside" in caplog.text and "ttl_session" in caplog.text and "t1/bad" in caplog.text
    await restarted.get("t1", good.session_id, good.bearer)
    assert await store.get(TTL_KIND, ("t1", "bad")) is not None  # not deleted
    await restarted.close()


async def test_the_per_tenant_quota_refuses_one_more_and_frees_with_deletes_and_expiry(
    store: CountingStore, clock: FakeClock, accounts: Users
) -> None:
    sessions = TtlSessions(store, clock, accounts, quotas=Quotas(ttl_sessions_per_tenant=2))
    await sessions.load()
    first = await login(sessions, timeout_seconds=10)
    await login(sessions, timeout_seconds=100)
    with pytest.raises(QuotaExceeded) as caught:
        await login(sessions)
    assert caught.value.reason == "QUOTA_EXCEEDED"
    assert len(await store.scan(TTL_KIND)) == 2  # nothing stored for the refused login
    assert (await sessions.create("t2", "bob", "pw")).valid_credentials  # another tenant
    await sessions.delete("t1", first.session_id, first.bearer)
    await login(sessions, timeout_seconds=100)
    with pytest.raises(QuotaExceeded):
        await login(sessions)
    clock.advance(100)  # both expire
    await login(sessions)
    await sessions.close()

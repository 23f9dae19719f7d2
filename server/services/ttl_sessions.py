"""TTL sessions of every tenant, kept in the store and expired on time.

Sessions live in the store (kind "ttl_session", key (tenant, session_id)) so they survive a
restart. The rules are in `server.domain.ttl_sessions`.

Expiry without a scan per request: an in-memory index holds every session, loaded by one scan at
start, and the one deadline heap (`server.domain.deadlines`) orders their expiries; sliding an
expiry is a dict store. One timer on the injected clock (`DeadlineDriver`) fires at the earliest
expiry; `expire()` forgets the due sessions at once and deletes them from the store in the
background (should that fail, the next start purges them: `load()` drops expired sessions).
A GET that slides the expiry writes the store at most once per `slide_write_interval` (1 s) per
session: after a crash a session may lose up to that much of its sliding, never more.

Several replicas (`ownership` given): a tenant's sessions belong to the shard of (tenant,), so
one replica holds them, counts the tenant's quota and expires them; every other replica answers
NOT_OWNER. The owner loads a shard's sessions when it takes the shard (`load_shards`, each with a
fresh timeout of grace, written before the shard is served) and forgets them when it gives the
shard up or loses it. Writes are fenced by the owner's lease at the store.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.domain import ttl_sessions as rules
from server.domain.clock import Clock
from server.domain.deadlines import DeadlineHeap
from server.domain.errors import check_id, is_valid_id
from server.domain.limits import (
    DEFAULT_TTL_TIMEOUT_SECONDS,
    MAX_TTL_DATA_BYTES,
    MAX_TTL_TIMEOUT_SECONDS,
    TTL_SLIDE_WRITE_INTERVAL_SECONDS,
)
from server.domain.quotas import DEFAULT_QUOTAS, Quotas, check_quota
from server.domain.ttl_sessions import CreatedSession, JsonValue, TtlSession
from server.services.deadlines import DeadlineDriver
from server.services.documents import parse_each
from server.services.locks import KeyedLocks
from server.services.ownership import Ownership, ShardedService, giving_up_when_fenced
from server.services.users import Users
from server.store.base import Key, Store, Write

KIND = "ttl_session"
# Sessions written per store batch when a shard is taken: 16 documents of at most 64 KiB of data
# stay under etcd's default request limit (1.5 MiB).
TAKEOVER_WRITE_CHUNK = 16

log = logging.getLogger("rolecall.ttl")


@dataclass(slots=True)
class _Entry:
    expires_at: float  # Unix seconds, the current expiry
    stored_expires_at: float  # Unix seconds, the expiry the store holds
    timeout: int


class TtlSessions(ShardedService):
    """The TTL sessions of every tenant. Call `load()` once before use."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        users: Users,
        *,
        default_timeout: int = DEFAULT_TTL_TIMEOUT_SECONDS,
        max_timeout: int = MAX_TTL_TIMEOUT_SECONDS,
        max_data_bytes: int = MAX_TTL_DATA_BYTES,
        slide_write_interval: float = TTL_SLIDE_WRITE_INTERVAL_SECONDS,
        quotas: Quotas = DEFAULT_QUOTAS,
        ownership: Ownership | None = None,
    ) -> None:
        super().__init__(store, quotas, ownership)
        # Sessions per tenant, counted from the moment a login reserves one.
        self._per_tenant: Counter[str] = Counter()
        self._clock = clock
        self._users = users
        self._default_timeout = default_timeout
        self._max_timeout = max_timeout
        self._max_data_bytes = max_data_bytes
        self._slide_write_interval = slide_write_interval
        self._index: dict[Key, _Entry] = {}
        # Expiries in Unix seconds (the scale the store keeps them on).
        self._expiries: DeadlineHeap[Key] = DeadlineHeap()
        self._locks: KeyedLocks[Key] = KeyedLocks()
        self._driver = DeadlineDriver(clock, self)
        self._deleting: set[asyncio.Task[None]] = set()

    async def load(self) -> int:
        """Index every stored session with one scan; purge those already expired; start the
        expiry timer. Answers how many live sessions were indexed. With several replicas,
        sessions are loaded per shard instead, as this replica takes them (`load_shards`)."""
        if self._ownership is not None:
            return 0
        now = self._now()
        expired: list[Write] = []
        rows = await self._store.scan(KIND)
        for key, (expires_at, timeout) in parse_each(KIND, rows, rules.stored_expiry):
            if expires_at <= now:
                expired.append(Write(KIND, key, None))
                continue
            self._hold(key, _Entry(expires_at, expires_at, timeout))
        if expired:
            await self._store.write(expired)
        self._driver.arm()
        return len(self._index)

    async def load_shards(self, shards: frozenset[int]) -> None:
        """Take the sessions of shards this replica just took: each still alive gets a fresh
        timeout of grace (`rules.takeover_expiry`), written before the shard is served; those
        already expired are purged."""
        now = self._now()
        loaded: list[tuple[Key, _Entry]] = []
        writes: list[Write] = []
        rows = [row for row in await self._store.scan(KIND) if self._shard_of(row[0]) in shards]
        docs = dict(rows)
        for key, (stored, timeout) in parse_each(KIND, rows, rules.stored_expiry):
            doc = docs[key]
            expires_at = rules.takeover_expiry(stored, timeout, now)
            if expires_at is None:
                writes.append(Write(KIND, key, None))
                continue
            writes.append(Write(KIND, key, {**doc, "expires_at": expires_at}))
            loaded.append((key, _Entry(expires_at, expires_at, timeout)))
        for start in range(0, len(writes), TAKEOVER_WRITE_CHUNK):
            await self._store.write(writes[start : start + TAKEOVER_WRITE_CHUNK])
        for key, entry in loaded:
            self._hold(key, entry)
        self._driver.arm()
        log.info("loaded %d TTL sessions of %d shards", len(loaded), len(shards))

    async def release_shards(self, shards: frozenset[int]) -> None:
        """Hand shards off: finish deleting what already expired (while the lease still fences
        the writes), then forget their sessions. Sliding not yet written needs no flush: the
        next owner grants a full timeout from its takeover."""
        await self.drain()
        await self.drop_shards(shards)

    async def drop_shards(self, shards: frozenset[int]) -> None:
        """Forget the sessions of shards this replica no longer serves."""
        for key in [key for key in self._index if self._shard_of(key) in shards]:
            self._forget(key)

    async def close(self) -> None:
        """Stop the expiry timer and finish the deletions under way."""
        self._driver.stop()
        await self.drain()

    async def drain(self) -> None:
        """Wait until the store holds no session `expire()` already forgot."""
        while self._deleting:
            await asyncio.gather(*self._deleting, return_exceptions=True)

    def __len__(self) -> int:
        return len(self._index)

    async def create(
        self,
        tenant: str,
        username: str,
        password: str,
        *,
        data: JsonValue = None,
        timeout_seconds: int = 0,
        application: str = "",
    ) -> CreatedSession:
        """Log in: with valid credentials, store a new session and answer its bearer (shown only
        now). Wrong credentials are not an error: the answer says so and holds no session."""
        check_id(tenant, "tenant")
        timeout = rules.check_timeout(timeout_seconds, self._default_timeout, self._max_timeout)
        data_text = rules.check_data(data, self._max_data_bytes)
        self._check_owner(tenant)
        user = await self._users.verify(tenant, username, password)
        if user is None:
            return CreatedSession(valid_credentials=False, access_allowed=False)
        limit = self._quotas.ttl_sessions_per_tenant
        check_quota(self._per_tenant[tenant], limit, "TTL sessions in this tenant")
        self._per_tenant[tenant] += 1  # reserved before the write: logins interleave there
        session_id = str(uuid.uuid4())
        bearer, bearer_sha256 = rules.new_bearer()
        doc = rules.session_document(
            session_id, user, application, bearer_sha256, data_text, timeout, self._now()
        )
        expires_at = float(doc["expires_at"])
        key = (tenant, session_id)
        try:
            async with giving_up_when_fenced(self._ownership, (tenant,)):
                await self._store.put(KIND, key, doc)
        except BaseException:
            self._release(tenant)
            raise
        self._index[key] = _Entry(expires_at, expires_at, timeout)
        if self._expiries.set(key, expires_at):
            self._driver.arm()
        return CreatedSession(
            valid_credentials=True,
            access_allowed=True,
            user=user,
            session_id=session_id,
            bearer=bearer,
            expires_at=rules.as_datetime(expires_at),
            version=1,
            claims=rules.claims(user, tenant, session_id, application),
        )

    async def get(self, tenant: str, session_id: str, bearer: str) -> TtlSession:
        """The session, its expiry slid to `timeout` seconds from now."""
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            return await self._slide(key, entry, doc, changed=False)

    async def get_static(self, tenant: str, session_id: str, bearer: str) -> TtlSession:
        """The session, its expiry untouched."""
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            return _view(key, doc, entry)

    async def put_data(
        self, tenant: str, session_id: str, bearer: str, data: JsonValue
    ) -> TtlSession:
        """Replace the session's data with any JSON value; this use slides the expiry too."""
        data_text = rules.check_data(data, self._max_data_bytes)
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            doc["data"] = rules.json_value(data_text)
            doc["version"] = int(doc.get("version", 1)) + 1
            return await self._slide(key, entry, doc, changed=True)

    async def delete(self, tenant: str, session_id: str, bearer: str) -> None:
        """End the session."""
        async with self._locked(tenant, session_id, bearer) as (key, _entry, _doc):
            await self._store.delete(KIND, key)
            self._forget(key)

    async def expiries(self, tenant: str = "") -> list[tuple[str, str, datetime, int]]:
        """(tenant, session id, expiry, timeout) of every live session, or of one tenant's,
        soonest expiry first: what an operator may see (no data, no bearer). With several
        replicas this spans shards, so it reads the store (expiries as written: sliding up to
        `slide_write_interval` behind the owner's)."""
        now = self._now()
        if self._ownership is None:
            held = [(key, entry.expires_at, entry.timeout) for key, entry in self._index.items()]
        else:
            rows = await self._store.scan(KIND, (tenant,) if tenant else ())
            held = [(key, at, t) for key, (at, t) in parse_each(KIND, rows, rules.stored_expiry)]
        found = [
            (key[0], key[1], expires_at, timeout)
            for key, expires_at, timeout in held
            if expires_at > now and (not tenant or key[0] == tenant)
        ]
        found.sort(key=lambda item: (item[2], item[0], item[1]))
        return [(t, s, rules.as_datetime(at), timeout) for t, s, at, timeout in found]

    def next_deadline(self) -> float | None:
        """The earliest expiry on the clock's monotonic scale (for the driver); None when no
        session exists."""
        expires_at = self._expiries.next_deadline()
        if expires_at is None:
            return None
        return self._clock.monotonic() + (expires_at - self._now())

    def expire(self) -> int:
        """Forget every session whose expiry has passed and delete them from the store in the
        background (`drain()` waits for that). Answers how many."""
        # A use in flight when its shard was given up may have slid a forgotten session back
        # into the heap: only held sessions expire here.
        due = [k for k in self._expiries.pop_due(self._now()) if self._index.pop(k, None)]
        for key in due:
            self._release(key[0])
        if due:
            task = asyncio.get_running_loop().create_task(self._delete(due))
            self._deleting.add(task)
            task.add_done_callback(self._deleting.discard)
        return len(due)

    async def _delete(self, keys: list[Key]) -> None:
        try:
            await self._store.write([Write(KIND, key, None) for key in keys])
        except Exception:  # the next start purges them; later expiries must still run
            log.exception("deleting %d expired TTL sessions failed", len(keys))

    # -- helpers

    @asynccontextmanager
    async def _locked(
        self, tenant: str, session_id: str, bearer: str
    ) -> AsyncIterator[tuple[Key, _Entry, dict[str, Any]]]:
        """Authenticate and hold the session's lock: the index entry and stored document are
        yielded for a read-modify-write nobody else interleaves with. A write fenced meanwhile
        (several replicas) gives the tenant's shard up at once."""
        check_id(tenant, "tenant")
        self._check_owner(tenant)
        if not bearer:
            raise rules.invalid_bearer()
        if not is_valid_id(session_id):
            raise rules.ttl_session_not_found(session_id)
        key = (tenant, session_id)
        fenced = giving_up_when_fenced(self._ownership, (tenant,))
        async with self._locks.hold(key), fenced:
            entry = self._index.get(key)
            if entry is None:
                raise rules.ttl_session_not_found(session_id)
            if entry.expires_at <= self._now():
                self._forget(key)
                await self._store.delete(KIND, key)
                raise rules.ttl_session_expired(session_id)
            doc = await self._store.get(KIND, key)
            if doc is None or self._index.get(key) is not entry:
                # Gone from the store, or expired by `expire()` while we read it.
                if doc is None:
                    self._forget(key)
                raise rules.ttl_session_not_found(session_id)
            rules.check_bearer(bearer, doc)
            # The caller slides the expiry before its first await, so `expire()` keeps the
            # session.
            yield key, entry, doc

    async def _slide(
        self, key: Key, entry: _Entry, doc: dict[str, Any], *, changed: bool
    ) -> TtlSession:
        """Slide the expiry to `timeout` from now; write the document when it `changed` or the
        stored expiry is `slide_write_interval` behind."""
        entry.expires_at = max(entry.expires_at, self._now() + entry.timeout)
        self._expiries.set(key, entry.expires_at)  # later: never wakes the driver
        if changed or entry.expires_at - entry.stored_expires_at >= self._slide_write_interval:
            doc["expires_at"] = entry.expires_at
            await self._store.put(KIND, key, doc)
            entry.stored_expires_at = entry.expires_at
        return _view(key, doc, entry)

    def _hold(self, key: Key, entry: _Entry) -> None:
        """Index a loaded session (again after a failed shard load: counted once)."""
        if key not in self._index:
            self._per_tenant[key[0]] += 1
        self._index[key] = entry
        self._expiries.set(key, entry.expires_at)

    def _check_owner(self, tenant: str) -> None:
        self._check_served((tenant,))

    def _shard_of(self, key: Key) -> int:
        assert self._ownership is not None
        return self._ownership.shard_of(key[:1])

    def _forget(self, key: Key) -> None:
        if self._index.pop(key, None) is not None:
            self._release(key[0])
        self._expiries.discard(key)

    def _release(self, tenant: str) -> None:
        self._per_tenant[tenant] -= 1
        if self._per_tenant[tenant] <= 0:
            del self._per_tenant[tenant]

    def _now(self) -> float:
        return self._clock.wall().timestamp()


def _view(key: Key, doc: dict[str, Any], entry: _Entry) -> TtlSession:
    return rules.session_view(key[0], key[1], doc, entry.timeout, entry.expires_at)

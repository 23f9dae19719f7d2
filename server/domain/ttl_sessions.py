"""TTL sessions, g4-style: a bearer-protected JSON value that expires after `timeout` idle seconds.

Sessions live in the store (kind "ttl_session", key (tenant, session_id)) so they survive a
restart; only a SHA-256 of the bearer is stored. The bearer is 256 random bits, so a fast hash is
enough: nobody can brute-force it, unlike a password.

Expiry without a scan per request: an in-memory index holds every session's expiry, loaded by one
scan at start, and a heap orders them. The async layer sleeps until `next_deadline()` and calls
`expire()`, which deletes what is due. The heap holds one entry per session: sliding an expiry
only changes the index, and `expire()` puts a popped entry back when its session was slid. A GET
that slides the expiry writes the store at most once per `slide_write_interval` (1 s) per session:
after a crash a session may lose up to that much of its sliding, never more.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import json
import secrets
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from server.domain import users
from server.domain.clock import Clock
from server.domain.errors import InvalidArgument, NotFound, TooLarge, Unauthenticated, check_id
from server.domain.locks import KeyedLocks
from server.store.base import Key, Store, Write

KIND = "ttl_session"
DEFAULT_TIMEOUT = 1800
MAX_TIMEOUT = 86400
MAX_DATA_BYTES = 64 * 1024
SLIDE_WRITE_INTERVAL = 1.0

# Any JSON value: None, bool, int, float, str, list or dict of JSON values.
JsonValue = Any


@dataclass(frozen=True, slots=True)
class CreatedSession:
    """The outcome of a login: a session only when the credentials were valid."""

    valid_credentials: bool
    access_allowed: bool
    user: users.User | None = None
    session_id: str = ""
    bearer: str = ""
    expires_at: datetime | None = None
    version: int = 0
    claims: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class TtlSession:
    """A session as its owner sees it."""

    tenant: str
    session_id: str
    user_id: str
    username: str
    data: JsonValue
    timeout: int
    expires_at: datetime
    version: int


@dataclass(slots=True)
class _Entry:
    expires_at: float  # Unix seconds, the current expiry
    stored_expires_at: float  # Unix seconds, the expiry the store holds
    timeout: int


class TtlSessions:
    """The TTL sessions of every tenant. Call `load()` once before use."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        default_timeout: int = DEFAULT_TIMEOUT,
        max_timeout: int = MAX_TIMEOUT,
        max_data_bytes: int = MAX_DATA_BYTES,
        slide_write_interval: float = SLIDE_WRITE_INTERVAL,
        wake: Callable[[], None] | None = None,
    ) -> None:
        """`wake` is called when a new session's expiry comes before `next_deadline()` did, so
        the timer that drives `expire()` can sleep less."""
        self._store = store
        self._clock = clock
        self._default_timeout = default_timeout
        self._max_timeout = max_timeout
        self._max_data_bytes = max_data_bytes
        self._slide_write_interval = slide_write_interval
        self._wake = wake
        self._index: dict[Key, _Entry] = {}
        self._heap: list[tuple[float, Key]] = []
        self._locks: KeyedLocks[Key] = KeyedLocks()

    async def load(self) -> int:
        """Index every stored session with one scan; purge those already expired. Answers how
        many live sessions were indexed."""
        now = self._now()
        expired: list[Write] = []
        for key, doc in await self._store.scan(KIND):
            expires_at = float(doc.get("expires_at", 0.0))
            if expires_at <= now:
                expired.append(Write(KIND, key, None))
                continue
            self._index[key] = _Entry(expires_at, expires_at, int(doc.get("timeout", 0)))
            self._heap.append((expires_at, key))
        heapq.heapify(self._heap)
        if expired:
            await self._store.write(expired)
        return len(self._index)

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
        timeout = self._check_timeout(timeout_seconds)
        data_text = self._check_data(data)
        user = await users.verify(self._store, tenant, username, password)
        if user is None:
            return CreatedSession(valid_credentials=False, access_allowed=False)
        session_id = str(uuid.uuid4())
        bearer = secrets.token_urlsafe(32)
        now = self._now()
        expires_at = now + timeout
        doc = {
            "session_id": session_id,
            "user_id": user.user_id,
            "username": user.username,
            "application": application,
            "bearer_sha256": _digest(bearer),
            "data": json.loads(data_text),
            "timeout": timeout,
            "created_at": now,
            "expires_at": expires_at,
            "version": 1,
        }
        key = (tenant, session_id)
        await self._store.put(KIND, key, doc)
        earlier = not self._heap or expires_at < self._heap[0][0]
        self._index[key] = _Entry(expires_at, expires_at, timeout)
        heapq.heappush(self._heap, (expires_at, key))
        if earlier and self._wake is not None:
            self._wake()
        claims = {
            "sub": user.user_id,
            "name": user.username,
            "tenant": tenant,
            "sid": session_id,
        }
        if user.email:
            claims["email"] = user.email
        if application:
            claims["application"] = application
        return CreatedSession(
            valid_credentials=True,
            access_allowed=True,
            user=user,
            session_id=session_id,
            bearer=bearer,
            expires_at=_datetime(expires_at),
            version=1,
            claims=claims,
        )

    async def get(self, tenant: str, session_id: str, bearer: str) -> TtlSession:
        """The session, its expiry slid to `timeout` seconds from now."""
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            now = self._now()
            entry.expires_at = max(entry.expires_at, now + entry.timeout)
            if entry.expires_at - entry.stored_expires_at >= self._slide_write_interval:
                doc["expires_at"] = entry.expires_at
                await self._store.put(KIND, key, doc)
                entry.stored_expires_at = entry.expires_at
            return _session(key, doc, entry)

    async def get_static(self, tenant: str, session_id: str, bearer: str) -> TtlSession:
        """The session, its expiry untouched."""
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            return _session(key, doc, entry)

    async def put_data(
        self, tenant: str, session_id: str, bearer: str, data: JsonValue
    ) -> TtlSession:
        """Replace the session's data with any JSON value; this use slides the expiry too."""
        data_text = self._check_data(data)
        async with self._locked(tenant, session_id, bearer) as (key, entry, doc):
            entry.expires_at = max(entry.expires_at, self._now() + entry.timeout)
            doc["data"] = json.loads(data_text)
            doc["version"] = int(doc.get("version", 1)) + 1
            doc["expires_at"] = entry.expires_at
            await self._store.put(KIND, key, doc)
            entry.stored_expires_at = entry.expires_at
            return _session(key, doc, entry)

    async def delete(self, tenant: str, session_id: str, bearer: str) -> None:
        """End the session."""
        async with self._locked(tenant, session_id, bearer) as (key, _entry, _doc):
            await self._store.delete(KIND, key)
            self._index.pop(key, None)

    def next_deadline(self) -> datetime | None:
        """When `expire()` may next have work, or None when no session exists. It may be early
        (the session was slid since): `expire()` then only reschedules."""
        if not self._heap:
            return None
        return _datetime(self._heap[0][0])

    async def expire(self) -> int:
        """Delete every session whose expiry has passed; answers how many."""
        now = self._now()
        due: list[Key] = []
        while self._heap and self._heap[0][0] <= now:
            _deadline, key = heapq.heappop(self._heap)
            entry = self._index.get(key)
            if entry is None:
                continue  # deleted since
            if entry.expires_at > now:
                heapq.heappush(self._heap, (entry.expires_at, key))  # slid since
                continue
            del self._index[key]
            due.append(key)
        if due:
            await self._store.write([Write(KIND, key, None) for key in due])
        return len(due)

    # -- helpers

    @asynccontextmanager
    async def _locked(
        self, tenant: str, session_id: str, bearer: str
    ) -> AsyncIterator[tuple[Key, _Entry, dict[str, Any]]]:
        """Authenticate and hold the session's lock: the index entry and stored document are
        yielded for a read-modify-write nobody else interleaves with."""
        check_id(tenant, "tenant")
        if not bearer:
            raise _invalid_bearer()
        if not _valid_id(session_id):
            raise _not_found(session_id)
        key = (tenant, session_id)
        async with self._locks.hold(key):
            entry = self._index.get(key)
            if entry is None:
                raise _not_found(session_id)
            if entry.expires_at <= self._now():
                await self._store.delete(KIND, key)
                self._index.pop(key, None)
                raise NotFound(
                    "SESSION_EXPIRED",
                    f"The session {session_id!r} has expired.",
                    "Create a new session with POST /session.",
                )
            doc = await self._store.get(KIND, key)
            if doc is None or self._index.get(key) is not entry:
                # Gone from the store, or expired by `expire()` while we read it.
                if doc is None:
                    self._index.pop(key, None)
                raise _not_found(session_id)
            if not hmac.compare_digest(_digest(bearer), str(doc.get("bearer_sha256", ""))):
                raise _invalid_bearer()
            # The caller changes `entry` before its first await, so `expire()` sees a slid
            # expiry and keeps the session.
            yield key, entry, doc

    def _check_timeout(self, timeout: int) -> int:
        if timeout == 0:
            return self._default_timeout
        if timeout < 0 or timeout > self._max_timeout:
            raise InvalidArgument(
                "INVALID_TIMEOUT",
                f"The timeout must be between 1 and {self._max_timeout} seconds.",
                f"Give a timeout of 1 to {self._max_timeout} seconds, or 0 for the default "
                f"({self._default_timeout}).",
            )
        return timeout

    def _check_data(self, data: JsonValue) -> str:
        try:
            text = json.dumps(data, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise InvalidArgument(
                "INVALID_SESSION_DATA",
                "The session data is not a JSON value.",
                "Give data as JSON without NaN or infinite numbers.",
            ) from exc
        if len(text.encode("utf-8")) > self._max_data_bytes:
            raise TooLarge(
                "SESSION_DATA_TOO_LARGE",
                f"The session data is larger than {self._max_data_bytes} bytes of JSON.",
                f"Keep session data under {self._max_data_bytes} bytes.",
            )
        return text

    def _now(self) -> float:
        return self._clock.wall().timestamp()


def parse_bearer(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header value; "" when there is none."""
    if not authorization:
        return ""
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def _session(key: Key, doc: Mapping[str, Any], entry: _Entry) -> TtlSession:
    return TtlSession(
        tenant=key[0],
        session_id=key[1],
        user_id=str(doc.get("user_id", "")),
        username=str(doc.get("username", "")),
        data=doc.get("data"),
        timeout=entry.timeout,
        expires_at=_datetime(entry.expires_at),
        version=int(doc.get("version", 1)),
    )


def _digest(bearer: str) -> str:
    return hashlib.sha256(bearer.encode("utf-8")).hexdigest()


def _datetime(unix_seconds: float) -> datetime:
    return datetime.fromtimestamp(unix_seconds, UTC)


def _valid_id(value: str) -> bool:
    try:
        check_id(value, "session")
    except InvalidArgument:
        return False
    return True


def _invalid_bearer() -> Unauthenticated:
    return Unauthenticated(
        "INVALID_BEARER",
        "The request carries no bearer, or not the bearer of this session.",
        "Send the header 'Authorization: Bearer <bearer>' with the bearer POST /session answered.",
    )


def _not_found(session_id: str) -> NotFound:
    return NotFound(
        "SESSION_NOT_FOUND",
        f"No session {session_id!r} exists in this tenant.",
        "Create a session with POST /session.",
    )

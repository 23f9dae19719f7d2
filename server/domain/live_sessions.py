"""Live sessions, MaxScale-style: the streams connected to rolecall right now.

Every open HeartbeatStream or WatchGroup stream registers here when it opens and unregisters when
it ends. Nothing is stored: a live connection cannot outlive the process, so a restart starts with
an empty registry. `touch` runs on every stream message, so it is one dict lookup and one float
store; everything else (listing, rendering) is paid only by whoever asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from server.domain.clock import Clock
from server.domain.errors import MissingObject, check_page_bounds
from server.domain.failover import GroupKey
from server.domain.limits import MAX_LIVE_PAGE_SIZE

# (tenant, namespace, group, client session).
ClientSessionKey = tuple[str, str, str, str]
CloseCallback = Callable[[], None]

STATE_STARTED = "Session started"
STATE_CLOSING = "Closing"


@dataclass(slots=True, eq=False)
class LiveSession:
    """One live connection. Mutable, owned by the registry; read it, do not change it."""

    id: str
    service: str
    remote: str
    user: str
    connected_at: datetime
    opened_monotonic: float
    last_message_monotonic: float
    groups: set[GroupKey] = field(default_factory=set)
    client_sessions: set[ClientSessionKey] = field(default_factory=set)
    state: str = STATE_STARTED
    on_close: CloseCallback | None = None
    # The tenant of the token that opened the stream ("*" for a cluster admin's): listings and
    # look-ups of another tenant do not show it.
    tenant: str = ""


@dataclass(frozen=True, slots=True)
class SessionAttributes:
    """A session's JSON:API attributes, ready to print."""

    state: str
    connected: str
    user: str
    remote: str
    idle: float
    seconds_alive: float
    groups: tuple[GroupKey, ...]
    client_sessions: tuple[ClientSessionKey, ...]


class LiveSessionRegistry:
    """The live connections of this process, by small increasing decimal identifiers."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._next_id = 1
        # Identifiers only grow, so insertion order is identifier order even after deletions.
        self._sessions: dict[str, LiveSession] = {}

    def __len__(self) -> int:
        return len(self._sessions)

    def register(
        self,
        service: str,
        remote: str,
        user: str = "",
        *,
        tenant: str = "",
        groups: Iterable[GroupKey] = (),
        client_sessions: Iterable[ClientSessionKey] = (),
        on_close: CloseCallback | None = None,
    ) -> LiveSession:
        """Record a stream that just opened; `service` names the rolecall method it runs."""
        now = self._clock.monotonic()
        session = LiveSession(
            id=str(self._next_id),
            service=service,
            remote=remote,
            user=user,
            connected_at=self._clock.wall(),
            opened_monotonic=now,
            last_message_monotonic=now,
            on_close=on_close,
            tenant=tenant,
        )
        self._next_id += 1
        self._sessions[session.id] = session
        self.serve(session.id, client_sessions)
        session.groups.update(groups)
        return session

    def set_on_close(self, session_id: str, on_close: CloseCallback) -> None:
        """Set the callback that ends the stream when an operator closes the session."""
        session = self._sessions.get(session_id)
        if session is not None:
            session.on_close = on_close

    def touch(self, session_id: str) -> None:
        """Note a message on the stream. Unknown ids are ignored: the hot path never raises."""
        session = self._sessions.get(session_id)
        if session is not None:
            session.last_message_monotonic = self._clock.monotonic()

    def serve(self, session_id: str, client_sessions: Iterable[ClientSessionKey]) -> None:
        """Note client sessions the stream now serves (and their groups)."""
        session = self._sessions.get(session_id)
        if session is None:
            return
        for key in client_sessions:
            if key not in session.client_sessions:
                session.client_sessions.add(key)
                session.groups.add(GroupKey(key[0], key[1], key[2]))

    def release(self, session_id: str, client_sessions: Iterable[ClientSessionKey]) -> None:
        """Note client sessions the stream no longer serves (goodbyes); their groups go with them
        when no other served session is in them."""
        session = self._sessions.get(session_id)
        if session is None:
            return
        for key in client_sessions:
            session.client_sessions.discard(key)
        session.groups = {GroupKey(k[0], k[1], k[2]) for k in session.client_sessions}

    def unregister(self, session_id: str) -> LiveSession | None:
        """Forget a stream that ended; None if it was already gone (closed by an operator)."""
        return self._sessions.pop(session_id, None)

    def get(self, session_id: str, tenant: str | None = None) -> LiveSession:
        """The session; one of another tenant than `tenant` (None: any) is not found."""
        session = self._sessions.get(session_id)
        if session is None or (tenant is not None and session.tenant != tenant):
            raise _not_found(session_id)
        return session

    def list(
        self, page_size: int = 0, page_number: int = 0, tenant: str | None = None
    ) -> tuple[list[LiveSession], bool]:
        """One page of sessions (of `tenant`, or all) in identifier order, and whether a next
        page exists.

        `page_size` 0 lists everything on one page; pages are counted from 0, as MaxScale does.
        """
        check_page(page_size, page_number)
        sessions: Iterable[LiveSession] = self._sessions.values()
        if tenant is not None:
            sessions = (s for s in sessions if s.tenant == tenant)
        if page_size == 0:
            return list(sessions), False
        start = page_size * page_number
        page = list(islice(sessions, start, start + page_size + 1))
        return page[:page_size], len(page) > page_size

    def close(self, session_id: str, tenant: str | None = None) -> LiveSession:
        """End a live connection on an operator's request (of `tenant` only, unless None).

        The session leaves the registry at once (a GET right after answers 404) and its stream's
        close callback runs, which ends the stream; the stream's own `unregister` is then a no-op.
        """
        self.get(session_id, tenant)
        session = self._sessions.pop(session_id)
        session.state = STATE_CLOSING
        if session.on_close is not None:
            session.on_close()
        return session


def render_attributes(session: LiveSession, clock: Clock) -> SessionAttributes:
    """The JSON:API attributes of a session as MaxScale prints them, at the clock's now."""
    now = clock.monotonic()
    return SessionAttributes(
        state=session.state,
        connected=format_connected(session.connected_at),
        user=session.user,
        remote=session.remote,
        idle=round(max(0.0, now - session.last_message_monotonic), 1),
        seconds_alive=round(max(0.0, now - session.opened_monotonic), 1),
        groups=tuple(sorted(session.groups)),
        client_sessions=tuple(sorted(session.client_sessions)),
    )


def format_connected(when: datetime) -> str:
    """MaxScale's `connected` format: C asctime ("Wed May 17 10:06:35 2017"), in UTC.

    `time.asctime` uses English names whatever the locale, unlike strftime's %a and %b.
    """
    return time.asctime(time.gmtime(when.timestamp()))


def check_page(page_size: int, page_number: int) -> None:
    check_page_bounds(
        page_size,
        page_number,
        MAX_LIVE_PAGE_SIZE,
        (
            "INVALID_PAGE_SIZE",
            f"The page size must be between 0 and {MAX_LIVE_PAGE_SIZE}.",
            f"Give page[size] between 1 and {MAX_LIVE_PAGE_SIZE}, or none to list everything.",
        ),
        (
            "INVALID_PAGE_NUMBER",
            "The page number must not be negative.",
            "Give page[number] counted from 0.",
        ),
    )


_not_found = MissingObject(
    "LIVE_SESSION_NOT_FOUND",
    "No live session has the identifier {id}.",
    "List the live sessions; a closed stream's session is gone.",
)

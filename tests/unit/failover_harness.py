"""A failover core on a fake clock, driven like the async layer drives it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.domain.clock import FakeClock
from server.domain.failover import (
    FailoverCore,
    Group,
    GroupEvent,
    GroupKey,
    HeartbeatResult,
    Role,
)

KEY = GroupKey("tenant", "namespace", "group")
TIMEOUT = 30.0
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def data_time(seconds: float) -> datetime:
    """A client-given last data time, `seconds` after T0."""
    return T0 + timedelta(seconds=seconds)


class Recorder:
    """A FailoverListener that keeps what it is told."""

    def __init__(self) -> None:
        self.events: list[GroupEvent] = []
        # Set by the Harness: every push reaches its session (as if each had a stream), so a
        # session pushed PendingPrimary is told (rule 4).
        self.core: FailoverCore | None = None

    def on_event(self, event: GroupEvent) -> None:
        self.events.append(event)
        if self.core is not None:
            for change in event.role_changes:
                if change.role == Role.PENDING_PRIMARY:
                    self.core.told_pending(event.key, change.session_id, change.pending_serial)

    def take(self) -> list[GroupEvent]:
        """The events since the last take."""
        events, self.events = self.events, []
        return events

    def take_changes(self) -> list[GroupEvent]:
        """The events since the last take that are not plain heartbeats."""
        return [event for event in self.take() if event.kind != "heartbeat"]


class Harness:
    """One group with the given sessions; `run` moves time the way the async driver does."""

    def __init__(self, sessions: tuple[str, ...] = ("a", "b"), timeout: float = TIMEOUT) -> None:
        self.clock = FakeClock()
        self.recorder = Recorder()
        self.core = FailoverCore(self.clock, self.recorder)
        self.recorder.core = self.core
        self.key = KEY
        self.timeout = timeout
        self.core.create_group(KEY, "Group", "A test group", timeout)
        for session_id in sessions:
            self.core.add_session(KEY, session_id, session_id.upper(), exist_ok=False)
        self.recorder.take()

    @property
    def now(self) -> float:
        return self.clock.monotonic()

    @property
    def group(self) -> Group:
        return self.core.get_group(self.key)

    def hb(
        self, session_id: str, score: float = 50.0, data: datetime | None = None
    ) -> HeartbeatResult:
        """A heartbeat whose answer reaches the client: a PendingPrimary is told (rule 4)."""
        result = self.core.heartbeat(self.key, session_id, score, self.clock.wall(), data)
        if result.role == Role.PENDING_PRIMARY:
            self.core.told_pending(self.key, session_id, result.pending_serial)
        return result

    def primary(
        self, session_id: str, score: float = 50.0, data: datetime | None = None
    ) -> HeartbeatResult:
        """Two heartbeats into a group with no Primary: the first makes the session
        PendingPrimary and tells it, the second acknowledges (rules 3 and 4)."""
        assert self.hb(session_id, score, data).role == Role.PENDING_PRIMARY
        result = self.hb(session_id, score, data)
        assert result.role == Role.PRIMARY
        return result

    def run(self, seconds: float) -> None:
        """Advance `seconds`, firing every deadline exactly at its time (the driver's timer)."""
        target = self.now + seconds
        while (due := self.core.next_deadline()) is not None and due <= target:
            self.clock.advance(max(0.0, due - self.now))
            self.core.expire()
        self.clock.advance(target - self.now)

    def keep_alive(
        self,
        scores: dict[str, float],
        seconds: float,
        step: float = 5.0,
        data: datetime | None = None,
    ) -> None:
        """Heartbeat every session of `scores` every `step` seconds for `seconds`."""
        end = self.now + seconds
        while self.now + step <= end + 1e-9:
            self.run(step)
            for session_id, score in scores.items():
                self.hb(session_id, score, data)

    def roles(self) -> dict[str, Role]:
        return {s.id: s.role for s in self.core.list_sessions(self.key)}

"""Time, injected: deadlines use a monotonic clock, event times a wall clock.

Domain code never calls `time` or `datetime.now` itself, and timers are set through the clock,
so tests drive everything timed with `FakeClock.advance()` and never sleep. The real clock
(`server.services.clock.SystemClock`) sets its timers on the event loop.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Timer(Protocol):
    """A callback set to run later; `cancel()` keeps it from running."""

    def cancel(self) -> None: ...


class Clock(Protocol):
    """Where the domain reads the time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...

    def wall(self) -> datetime:
        """The time of day, timezone-aware UTC; for event times people read."""
        ...

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        """Run `callback` once `monotonic()` reaches `when` (at once if it has)."""
        ...


# Far from zero, so that a test cannot pass only because a time happens to be 0 or falsy.
_FAKE_MONOTONIC_START = 1_000.0
_FAKE_WALL_START = datetime(2024, 1, 1, tzinfo=UTC)


class _FakeTimer:
    __slots__ = ("callback", "cancelled")

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    """A clock that moves only when a test says so; both readings move together, and timers
    fire, in time order, as `advance()` passes them."""

    def __init__(self, start_wall: datetime | None = None) -> None:
        if start_wall is not None and start_wall.tzinfo is None:
            raise ValueError("start_wall must be timezone-aware")
        self._monotonic = _FAKE_MONOTONIC_START
        self._wall = (start_wall or _FAKE_WALL_START).astimezone(UTC)
        self._timers: list[tuple[float, int, _FakeTimer]] = []
        self._order = itertools.count()

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        timer = _FakeTimer(callback)
        heapq.heappush(self._timers, (when, next(self._order), timer))
        return timer

    def pending_timers(self) -> int:
        return sum(1 for _, _, t in self._timers if not t.cancelled)

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds` (never back), stopping at each due timer to
        fire it at its own time; timers a callback sets within the span fire too."""
        if seconds < 0:
            raise ValueError("a clock never goes back")
        target = self._monotonic + seconds
        while self._timers and self._timers[0][0] <= target:
            when, _, timer = heapq.heappop(self._timers)
            if timer.cancelled:
                continue
            self._move(max(when, self._monotonic))
            timer.callback()
        self._move(target)

    def _move(self, monotonic: float) -> None:
        self._wall += timedelta(seconds=monotonic - self._monotonic)
        self._monotonic = monotonic

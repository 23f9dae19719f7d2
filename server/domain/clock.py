"""Time, injected: deadlines use a monotonic clock, event times a wall clock.

Domain code never calls `time` or `datetime.now` itself, so tests drive it with `FakeClock`
and never sleep.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where the domain reads the time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...

    def wall(self) -> datetime:
        """The time of day, timezone-aware UTC; for event times people read."""
        ...


class SystemClock:
    """The real clocks of this machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


# Far from zero, so that a test cannot pass only because a time happens to be 0 or falsy.
_FAKE_MONOTONIC_START = 1_000.0
_FAKE_WALL_START = datetime(2024, 1, 1, tzinfo=UTC)


class FakeClock:
    """A clock that moves only when a test says so; both readings move together."""

    def __init__(self, start_wall: datetime | None = None) -> None:
        if start_wall is not None and start_wall.tzinfo is None:
            raise ValueError("start_wall must be timezone-aware")
        self._monotonic = _FAKE_MONOTONIC_START
        self._wall = (start_wall or _FAKE_WALL_START).astimezone(UTC)

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds` (never back)."""
        if seconds < 0:
            raise ValueError("a clock never goes back")
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)

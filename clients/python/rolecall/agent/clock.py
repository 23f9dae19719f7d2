"""The agent's time, injected: when heartbeats are due and until when a role may be acted on.

`SystemClock` is the default. `VirtualClock` moves only when told to, so a test (the library's,
or an application's) can check the timing rules (the interval, the local deadline after which a
cut-off Primary demotes itself) without waiting on the wall clock. Reconnection backoff and the
server's own clock stay on real time.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...

    async def wait(self, event: asyncio.Event, until: float) -> None:
        """Returns once `event` is set or the clock reads `until` or later (inf: no limit)."""
        ...


class SystemClock:
    """The machine's monotonic clock and asyncio's timers."""

    def monotonic(self) -> float:
        return time.monotonic()

    async def wait(self, event: asyncio.Event, until: float) -> None:
        delay = until - time.monotonic()
        if delay <= 0:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(None if math.isinf(delay) else delay):
                await event.wait()


SYSTEM_CLOCK = SystemClock()


class VirtualClock:
    """A clock that moves only on `advance()`; waits end when it reaches their time.

    `advance` may be called from any thread (a SyncFailoverAgent's loop runs in its own).
    """

    def __init__(self, start: float = 1_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self._waiters: list[tuple[float, asyncio.Future[None]]] = []

    def monotonic(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Moves the clock `seconds` forward."""
        if not seconds >= 0:
            raise ValueError("a clock never goes back")
        self.advance_to(self._now + seconds)

    def advance_to(self, when: float) -> None:
        """Moves the clock to exactly `when` (no rounding of a sum): e.g. a deadline."""
        with self._lock:
            if not when >= self._now:
                raise ValueError("a clock never goes back")
            self._now = when
            due = [f for t, f in self._waiters if t <= when]
            self._waiters = [(t, f) for t, f in self._waiters if t > when]
        for future in due:
            future.get_loop().call_soon_threadsafe(_resolve, future)

    async def wait(self, event: asyncio.Event, until: float) -> None:
        if until <= self._now or event.is_set():
            return
        reached = asyncio.get_running_loop().create_future()
        with self._lock:
            if until <= self._now:
                return
            self._waiters.append((until, reached))
        woken = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait({reached, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            reached.cancel()
            with self._lock:
                self._waiters = [(t, f) for t, f in self._waiters if f is not reached]


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)

"""Feeds the overload rules (server.domain.overload) with how late the event loop runs.

A loop timer every `LAG_TICK_SECONDS` notes how late it woke up: a saturated loop runs every
callback late by about the time its backlog takes, heartbeats included, so that lateness is how
far behind the server is. (The deadline timer notes its own lateness too, since it may run
before this one after a stall.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from server.domain.clock import Clock
from server.domain.overload import Overload

# Often enough that a stall is seen within one tick of its end, rarely enough to cost nothing
# (20 wake-ups a second).
LAG_TICK_SECONDS = 0.05


async def watch_lag(
    overload: Overload,
    clock: Clock,
    on_tick: Callable[[float], None],
    interval: float = LAG_TICK_SECONDS,
) -> None:
    """Forever: sleep `interval`, tell `overload` how late the wake-up was, then `on_tick(now)`."""
    while True:
        start = clock.monotonic()
        await asyncio.sleep(interval)
        now = clock.monotonic()
        overload.observe_lag(max(0.0, now - start - interval), now)
        on_tick(now)

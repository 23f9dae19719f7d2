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
    """Forever: sleep `interval`, tell `overload` how late the wake-up was, then `on_tick(now)`.

    The lateness is the loop's own (its clock), whatever `clock` is injected: a test's fake
    clock jumping forward is not the loop falling behind. `now` is on `clock`'s scale, as the
    deadlines are."""
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(interval)
        lag = max(0.0, loop.time() - start - interval)
        now = clock.monotonic()
        overload.observe_lag(lag, now)
        on_tick(now)

"""The failover core in an event loop: deadlines, persistence, pushes and watchers.

The core (server.domain.failover) decides; this module only carries its decisions out:
- one loop timer drives every deadline of every group (server.services.deadlines);
- changes a restart needs are written at once; heartbeat values at most once per group per
  `heartbeat_flush_interval`, never per heartbeat;
- every role change is pushed to the streams that carry that client session, in the same loop
  iteration as the decision, and every group change to the group's watchers.
No grpc here: streams and watchers register plain callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from server.domain.clock import Clock
from server.domain.failover import FailoverCore, GroupEvent, GroupKey, RoleChange
from server.services.deadlines import DeadlineDriver
from server.store.base import Store, Write

log = logging.getLogger("rolecall.coordinator")

GROUP_KIND = "failover_group"
# Groups written per store transaction when flushing.
FLUSH_CHUNK = 200

# A stream's push callback: the group and the role changes of its sessions in one decision.
PushCallback = Callable[[GroupKey, list[RoleChange]], None]
# A watcher's callback: every event of the group except plain heartbeats.
WatchCallback = Callable[[GroupEvent], None]


@dataclass(eq=False, slots=True)
class Subscription:
    """A stream's interest in some client sessions; `close()` drops it."""

    coordinator: FailoverCoordinator
    push: PushCallback
    sessions: set[tuple[GroupKey, str]]

    def add(self, key: GroupKey, session_id: str) -> bool:
        """Subscribe to a session; True if it is new to this stream."""
        entry = (key, session_id)
        if entry in self.sessions:
            return False
        self.sessions.add(entry)
        self.coordinator._streams.setdefault(entry, []).append(self)
        return True

    def discard(self, key: GroupKey, session_id: str) -> None:
        if (key, session_id) in self.sessions:
            self.sessions.discard((key, session_id))
            self.coordinator._drop_stream(key, session_id, self)

    def close(self) -> None:
        for key, session_id in list(self.sessions):
            self.discard(key, session_id)


class FailoverCoordinator:
    def __init__(
        self, store: Store, clock: Clock, *, heartbeat_flush_interval: float = 5.0
    ) -> None:
        self.store = store
        self.clock = clock
        self.core = FailoverCore(clock, self)
        self._driver = DeadlineDriver(clock, self.core)
        self._flush_interval = heartbeat_flush_interval
        # Groups whose heartbeat values changed (written every flush interval) and groups with
        # a change a restart needs (written at once).
        self._dirty: set[GroupKey] = set()
        self._urgent_keys: set[GroupKey] = set()
        self._urgent = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None
        self._streams: dict[tuple[GroupKey, str], list[Subscription]] = {}
        self._watchers: dict[GroupKey, list[WatchCallback]] = {}

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Load every group; each client gets a fresh timeout of grace (core.restore)."""
        docs = [doc for _, doc in await self.store.scan(GROUP_KIND)]
        self.core.restore(docs)
        self._dirty.clear()
        self._urgent_keys.clear()
        self._flusher = asyncio.create_task(self._flush_loop(), name="failover-flusher")
        self._driver.arm()
        log.info("restored %d failover groups", len(docs))

    async def stop(self) -> None:
        self._driver.stop()
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
            self._flusher = None
        await self.flush()

    # -- called by the servicers after every core call ------------------------------------

    def settle(self) -> None:
        """Re-arm the deadline timer: a call may have added an earlier deadline."""
        self._driver.arm()

    async def commit(self, key: GroupKey) -> None:
        """Make the group's current state durable before answering the caller."""
        self._driver.arm()
        self._dirty.discard(key)
        self._urgent_keys.discard(key)
        await self.store.write([self._write_for(key)])

    # -- FailoverListener ----------------------------------------------------------------

    def on_event(self, event: GroupEvent) -> None:
        if event.urgent:
            self._urgent_keys.add(event.key)
            self._urgent.set()
        else:
            self._dirty.add(event.key)
        if event.role_changes:
            self._push(event.key, event.role_changes)
        if event.kind != "heartbeat":
            for watcher in self._watchers.get(event.key, ()):
                watcher(event)

    def _push(self, key: GroupKey, changes: tuple[RoleChange, ...]) -> None:
        by_stream: dict[Subscription, list[RoleChange]] = {}
        for change in changes:
            for subscription in self._streams.get((key, change.session_id), ()):
                by_stream.setdefault(subscription, []).append(change)
        for subscription, its_changes in by_stream.items():
            subscription.push(key, its_changes)

    # -- streams and watchers -------------------------------------------------------------

    def subscribe(self, push: PushCallback) -> Subscription:
        return Subscription(self, push, set())

    def _drop_stream(self, key: GroupKey, session_id: str, subscription: Subscription) -> None:
        streams = self._streams.get((key, session_id))
        if streams is None:
            return
        with contextlib.suppress(ValueError):
            streams.remove(subscription)
        if not streams:
            del self._streams[(key, session_id)]

    @contextlib.contextmanager
    def watch(self, key: GroupKey, callback: WatchCallback) -> Iterator[None]:
        watchers = self._watchers.setdefault(key, [])
        watchers.append(callback)
        try:
            yield
        finally:
            watchers.remove(callback)
            if not watchers:
                del self._watchers[key]

    # -- persistence ------------------------------------------------------------------------

    def _write_for(self, key: GroupKey) -> Write:
        if self.core.find_group(key) is not None:
            return Write(GROUP_KIND, tuple(key), self.core.snapshot(key))
        return Write(GROUP_KIND, tuple(key), None)

    async def flush(self, *, urgent_only: bool = False) -> None:
        """Write the changed groups, in chunks so the loop keeps serving heartbeats between
        them (measured: snapshotting 5,000 groups at once stalled the loop for tens of ms)."""
        keys = self._urgent_keys
        self._urgent_keys = set()
        if not urgent_only:
            keys |= self._dirty
            self._dirty = set()
        else:
            self._dirty -= keys
        if not keys:
            return
        ordered = list(keys)
        for start in range(0, len(ordered), FLUSH_CHUNK):
            chunk = ordered[start : start + FLUSH_CHUNK]
            await self.store.write([self._write_for(key) for key in chunk])

    async def _flush_loop(self) -> None:
        loop = asyncio.get_running_loop()
        next_full = loop.time() + self._flush_interval
        while True:
            # asyncio.timeout, not wait_for: in 3.11 wait_for can swallow a cancellation that
            # races with the event being set, and stop() would then wait a whole interval.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(0.0, next_full - loop.time())):
                    await self._urgent.wait()
            self._urgent.clear()
            full = loop.time() >= next_full
            if full:
                next_full = loop.time() + self._flush_interval
            try:
                await self.flush(urgent_only=not full)
            except Exception:  # keep flushing later; the state is still in memory
                log.exception("persisting failover groups failed")

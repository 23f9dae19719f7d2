"""Failover use cases: the one door the servicers call into the failover core.

The core (server.domain.failover) decides; this module carries its decisions out:
- every use case runs the core, re-arms the one deadline timer (server.timers) and, when the
  change is one a restart must reproduce (`GroupEvent.urgent`: roles, epoch, configuration,
  membership), waits until it is committed before it returns. Durable before announced: no
  answer, push or watch event carries such a change before its commit.
- one writer task commits every group with an uncommitted urgent change in ONE transaction (group
  commit). Changes arriving during a commit go into the next one, so a mass failover of 1,000
  groups is a few transactions. A plain heartbeat writes nothing and never waits, unless its
  group has an urgent change still in flight (then its answer waits for that commit too).
- heartbeat values (scores, times) are written at most once per `heartbeat_flush_interval`.
- a failed commit announces nothing: callers waiting for it get UNAVAILABLE, and its changes,
  pushes and watch events are retried with the next commit. Except when etcd fenced it (several
  replicas: this replica lost the shard): the shard is given up at once, its groups' changes are
  dropped unannounced (their callers get NOT_OWNER naming the new owner), and the rest of the
  commit is written straight away; a fenced change is never retried.
No grpc here: streams and watchers register plain callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from server.domain.clock import Clock
from server.domain.errors import DomainError, NotOwner, Overloaded, QuotaExceeded, Unavailable
from server.domain.failover import (
    FailoverCore,
    Group,
    GroupEvent,
    GroupKey,
    HeartbeatResult,
    Role,
    RoleChange,
    Session,
)
from server.domain.overload import Overload, OverloadSettings
from server.domain.quotas import DEFAULT_QUOTAS, Quotas
from server.observability.failover_observer import FailoverObserver
from server.services.deadlines import DeadlineDriver
from server.services.documents import keep_aside, parse_each
from server.services.overload import watch_lag
from server.services.ownership import Ownership
from server.services.tasks import stop_task
from server.store.base import DamagedDocument, FencedOut, Store, Write

log = logging.getLogger("rolecall.failover")

GROUP_KIND = "failover_group"
# The highest epoch of a deleted group, written in the delete's transaction (epochs are never
# reused for a group key).
EPOCH_FLOOR_KIND = "failover_epoch_floor"
# Groups written per transaction when flushing heartbeat values.
FLUSH_CHUNK = 200
# Groups per store transaction in one commit: etcd refuses transactions of more than
# --max-txn-ops operations (README: 1024), and a group may take two (delete + epoch floor).
COMMIT_CHUNK = 500
# Groups snapshotted between two yields to the loop while building one commit (measured:
# snapshotting 5,000 groups at once stalled the loop for tens of ms).
SNAPSHOT_CHUNK = 200
# Back-off between retries of a failed commit.
RETRY_MIN_SECONDS = 0.05
RETRY_MAX_SECONDS = 2.0

# Pushes waiting to be written to one HeartbeatStream before it is ended as too slow a reader
# (etcd ends a watcher whose send buffer is full the same way): a bounded backlog per stream,
# and a slow reader costs nobody else anything.
MAX_PUSH_BACKLOG = 256

STREAM_BACKLOG = QuotaExceeded(
    "STREAM_BACKLOG",
    "This stream's reader fell too far behind its role changes; it was ended.",
    "Read the stream's messages as they come, then reconnect.",
)

STORE_UNAVAILABLE = Unavailable(
    "STORE_UNAVAILABLE",
    "The change could not be stored; it was not applied to any client yet.",
    "Retry shortly; rolecall keeps trying to store it.",
)

# One heartbeat: group, session, score, heartbeat time (None: now), last data time.
Beat = tuple[GroupKey, str, float, datetime | None, datetime | None]
# A stream's push writer: the group and the role changes of its sessions in one decision.
# One message per stream per commit, however many groups changed (a mass failover of the
# groups one agent process carries is one push, not one per group).
Push = list[tuple[GroupKey, RoleChange]]
PushWriter = Callable[[Push], Awaitable[None]]
# A watcher's callback: the kind of every durable event of the group except plain heartbeats.
# It runs while the group's state is durable, so it may read that state synchronously.
WatchCallback = Callable[[str], None]
# Writes a stream's answer (one result per beat, in order).
AnswerWriter = Callable[[list[HeartbeatResult | DomainError]], Awaitable[None]]


@dataclass(eq=False, slots=True)
class _Commit:
    """Groups to commit together, and what waits for that commit to be announced."""

    keys: set[GroupKey] = field(default_factory=set)
    pushes: list[tuple[GroupKey, tuple[RoleChange, ...]]] = field(default_factory=list)
    watch_events: list[GroupEvent] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    ok: bool = False
    # Groups taken out of this commit because their shard moved to another replica (several
    # replicas): not written, not announced; their waiters get this NOT_OWNER.
    lost: dict[GroupKey, NotOwner] = field(default_factory=dict)

    async def wait(self, key: GroupKey | None = None) -> None:
        await self.done.wait()
        if key is not None and (refusal := self.lost.get(key)) is not None:
            raise refusal
        if not self.ok:
            raise STORE_UNAVAILABLE


class HeartbeatStreamSession:
    """One HeartbeatStream's use of the service: heartbeats and goodbyes in, answers and
    pushes out (through the writers the stream gives). `close()` when the stream ends."""

    def __init__(
        self,
        service: FailoverService,
        push: PushWriter,
        on_overflow: Callable[[], None],
        max_backlog: int = MAX_PUSH_BACKLOG,
    ) -> None:
        self._service = service
        self._push = push
        # Called once when more than `max_backlog` pushes wait: the stream must end
        # (STREAM_BACKLOG), and no further push is queued for it.
        self._on_overflow = on_overflow
        self._max_backlog = max_backlog
        self.overflowed = False
        # Why the service ended the stream (STREAM_BACKLOG, or SERVER_OVERLOADED when shed);
        # the API ends the call with it.
        self.ended_by: DomainError | None = None
        self._sessions: set[tuple[GroupKey, str]] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def exchange(
        self,
        beats: Sequence[Beat],
        goodbyes: Sequence[tuple[GroupKey, str]],
        answer: AnswerWriter,
    ) -> list[tuple[GroupKey, str]]:
        """Take one message's heartbeats and goodbyes, write its answer once every change it
        carries is durable, and answer the sessions this stream carries for the first time.

        The fast path (no urgent change in flight for these groups) never suspends before
        `answer`. STORE_UNAVAILABLE if a change it carries could not be stored.
        """
        service = self._service
        core = service.core
        wall = service.clock.wall
        # Several replicas: a beat for a group another replica serves is answered NOT_OWNER
        # for that session alone (its agent moves to the owner); the stream's other sessions
        # stay. A goodbye for such a group is the owner's to act on, when the agent moves.
        ownership = service.ownership
        results: list[HeartbeatResult | DomainError] = []
        new_sessions: list[tuple[GroupKey, str]] = []
        pending, told_pending = Role.PENDING_PRIMARY, False
        for key, session_id, score, heartbeat_time, last_data_time in beats:
            try:
                if ownership is not None:
                    ownership.check(key)
                beat_result = core.heartbeat(
                    key, session_id, score, heartbeat_time or wall(), last_data_time
                )
            except DomainError as error:
                results.append(error)
                continue
            results.append(beat_result)
            if beat_result.role is pending:
                told_pending = True
            entry = (key, session_id)
            if entry not in self._sessions:
                self._sessions.add(entry)
                service._streams.setdefault(entry, []).append(self)
                new_sessions.append(entry)
        for key, session_id in goodbyes:
            self._drop((key, session_id))
            with contextlib.suppress(DomainError):  # leaving a session already gone is fine
                if ownership is not None:
                    ownership.check(key)
                core.goodbye(key, session_id)
        service.settle()
        if service._uncommitted:
            # A change lost with its shard (several replicas) is refused for its session alone.
            lost = await service._wait_for(key for key, *_ in beats)
            await service._wait_for(key for key, _ in goodbyes)
            if lost:
                refused = zip(beats, results, strict=True)
                results = [lost.get(beat[0], result) for beat, result in refused]
        await answer(results)
        if told_pending:  # rare: a second pass only when some answer says PendingPrimary
            for beat, result in zip(beats, results, strict=True):
                if isinstance(result, HeartbeatResult) and result.role is Role.PENDING_PRIMARY:
                    core.told_pending(beat[0], beat[1], result.pending_serial)
        return new_sessions

    def _deliver(self, push: Push) -> None:
        if self.overflowed:
            return
        if len(self._tasks) >= self._max_backlog:
            log.warning("a HeartbeatStream fell %d pushes behind: ending it", len(self._tasks))
            self.end(STREAM_BACKLOG)
            return
        task = asyncio.get_running_loop().create_task(self._write_push(push))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _write_push(self, push: Push) -> None:
        await self._push(push)
        for key, change in push:
            if change.role == Role.PENDING_PRIMARY:
                self._service.core.told_pending(key, change.session_id, change.pending_serial)

    def end(self, error: DomainError) -> None:
        """End the stream with `error` (once): no further push is queued for it."""
        if self.overflowed:
            return
        self.overflowed = True
        self.ended_by = error
        self._on_overflow()

    def carries_leader(self) -> bool:
        """Whether a session it carries is Primary or PendingPrimary (never shed for load)."""
        core = self._service.core
        for key, session_id in self._sessions:
            group = core.find_group(key)
            if group is not None and session_id in (group.primary, group.pending):
                return True
        return False

    def _drop(self, entry: tuple[GroupKey, str]) -> None:
        if entry in self._sessions:
            self._sessions.discard(entry)
            self._service._drop_stream(entry, self)

    def close(self) -> None:
        self._service._open.pop(self, None)
        for task in self._tasks:
            task.cancel()
        for entry in list(self._sessions):
            self._drop(entry)


class FailoverService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        heartbeat_flush_interval: float = 5.0,
        observer: FailoverObserver | None = None,
        quotas: Quotas = DEFAULT_QUOTAS,
        ownership: Ownership | None = None,
        overload: OverloadSettings | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        # How far behind this server is (server.domain.overload): deadlines wait while it is,
        # new streams are refused and the newest are shed.
        self.overload = Overload(overload)
        # Open HeartbeatStreams, oldest first (the newest are shed first).
        self._open: dict[HeartbeatStreamSession, None] = {}
        self._lag_watch: asyncio.Task[None] | None = None
        # Several replicas: the groups this one serves (None: one replica serves every group,
        # and loads them all at start).
        self.ownership = ownership
        # Read-only for callers outside this module; every change goes through a use case.
        self.core = FailoverCore(clock, self, quotas, self.overload)
        # Role change metrics and log lines; it also times pushes from missed deadlines.
        self._observer = observer or FailoverObserver(clock)
        self._driver = DeadlineDriver(
            clock, self._observer.deadlines(self.core), self.overload.observe_lag
        )
        self._flush_interval = heartbeat_flush_interval
        # Groups whose heartbeat values changed since they were last written.
        self._dirty: set[GroupKey] = set()
        # The commit being gathered, and for each group with an uncommitted urgent change, the
        # commit that will carry it (the gathered one or the one in flight).
        self._gathering: _Commit | None = None
        self._uncommitted: dict[GroupKey, _Commit] = {}
        # The commit being written (its groups may have newer changes in the next one).
        self._in_flight: _Commit | None = None
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self._streams: dict[tuple[GroupKey, str], list[HeartbeatStreamSession]] = {}
        # Groups whose stored document is invalid: not loaded, not overwritten, not deleted.
        self._kept_aside: set[GroupKey] = set()
        self._watchers: dict[GroupKey, list[WatchCallback]] = {}
        # Figures for the benchmark and the logs.
        self.transactions = 0
        self.failed_commits = 0
        self._failing_since: float | None = None

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Load every group; each client gets a fresh timeout of grace (core.restore). With
        several replicas, groups are loaded per shard as this replica takes them (load_shards)."""
        self._lag_watch = asyncio.create_task(
            watch_lag(self.overload, self.clock, self._shed), name="failover-lag-watch"
        )
        if self.ownership is not None:
            self._writer = asyncio.create_task(self._write_loop(), name="failover-writer")
            return
        floors = parse_each(
            EPOCH_FLOOR_KIND,
            await self.store.scan(EPOCH_FLOOR_KIND),
            lambda doc: _floor(doc["epoch"]),
        )
        self.core.restore((), [(GroupKey(*key), floor) for key, floor in floors])
        rows = await self.store.scan(GROUP_KIND)
        for key, doc in rows:
            try:
                self.core.restore([doc])
            except ValueError as error:  # one bad document must not stop the rest
                keep_aside(GROUP_KIND, key, error)
                if len(key) == 3:
                    self._kept_aside.add(GroupKey(*key))
        self._writer = asyncio.create_task(self._write_loop(), name="failover-writer")
        self._driver.arm()
        log.info("restored %d failover groups", len(rows) - len(self._kept_aside))

    async def stop(self) -> None:
        self._driver.stop()
        await stop_task(self._lag_watch)
        self._lag_watch = None
        await stop_task(self._writer)
        self._writer = None
        if self._gathering is not None:
            await self._commit()
        await self._flush_values(all_at_once=True)

    # -- use cases -----------------------------------------------------------------------

    async def create_group(
        self, key: GroupKey, name: str, description: str, failover_timeout: float
    ) -> Group:
        self._check_not_kept_aside(key)
        self._check(key)
        group = self.core.create_group(key, name, description, failover_timeout)
        await self._settled(key)
        return group

    async def put_group(
        self, key: GroupKey, name: str, description: str, failover_timeout: float
    ) -> tuple[Group, bool]:
        self._check_not_kept_aside(key)
        self._check(key)
        outcome = self.core.put_group(key, name, description, failover_timeout)
        await self._settled(key)
        return outcome

    async def delete_group(self, key: GroupKey) -> None:
        self._check_not_kept_aside(key)
        self._check(key)
        self.core.delete_group(key)
        await self._settled(key)

    async def add_session(
        self, key: GroupKey, session_id: str, name: str, *, exist_ok: bool
    ) -> tuple[Session, bool]:
        self._check(key)
        outcome = self.core.add_session(key, session_id, name, exist_ok=exist_ok)
        await self._settled(key)
        return outcome

    async def remove_session(self, key: GroupKey, session_id: str) -> None:
        self._check(key)
        self.core.remove_session(key, session_id)
        await self._settled(key)

    async def heartbeat(self, *beat: *Beat) -> HeartbeatResult:
        """One heartbeat answered by a unary call (REST or gRPC): a missing heartbeat time is
        the server's time of receipt. Returning the answer tells a PendingPrimary (rule 4)."""
        key, session_id, score, heartbeat_time, last_data_time = beat
        if self.ownership is not None:
            self.ownership.check(key)
        result = self.core.heartbeat(
            key, session_id, score, heartbeat_time or self.clock.wall(), last_data_time
        )
        await self._settled(key)
        if result.role == Role.PENDING_PRIMARY:
            self.core.told_pending(key, session_id, result.pending_serial)
        return result

    async def goodbye(self, key: GroupKey, session_id: str) -> None:
        self._check(key)
        self.core.goodbye(key, session_id)
        await self._settled(key)

    def _check_not_kept_aside(self, key: GroupKey) -> None:
        """A group whose stored document is invalid answers DOCUMENT_DAMAGED (503) until an
        operator repairs it: recreating it could reuse the epochs its document holds."""
        if self._kept_aside and GroupKey(*key) in self._kept_aside:
            raise DamagedDocument(GROUP_KIND, tuple(key))

    def _check(self, key: GroupKey) -> None:
        if self.ownership is not None:
            self.ownership.check(key)

    # -- shards (several replicas; server.services.shards calls these) ---------------------

    def _keys_in(self, shards: frozenset[int]) -> list[GroupKey]:
        assert self.ownership is not None
        shard_of = self.ownership.shard_of
        return [key for key in self.core.group_keys() if shard_of(key) in shards]

    async def load_shards(self, shards: frozenset[int]) -> None:
        """Load the groups of shards this replica just took, as after a restart: every client
        gets a fresh FailoverTimeout of grace, so a Primary that keeps heartbeating stays."""
        assert self.ownership is not None
        shard_of = self.ownership.shard_of
        floors = [
            (GroupKey(*key), int(doc["epoch"]))
            for key, doc in await self.store.scan(EPOCH_FLOOR_KIND)
            if shard_of(GroupKey(*key)) in shards
        ]
        docs = [
            doc
            for key, doc in await self.store.scan(GROUP_KIND)
            if shard_of(GroupKey(*key)) in shards
        ]
        self.core.restore(docs, floors)
        self._driver.arm()
        log.info("loaded %d failover groups of %d shards", len(docs), len(shards))

    async def release_shards(self, shards: frozenset[int]) -> None:
        """Hand shards off: make their groups' changes and heartbeat values durable (while the
        lease still fences the writes), then forget them."""
        keys = self._keys_in(shards)
        with contextlib.suppress(DomainError):  # not durable: the new owner has the old state
            await self._wait_for(keys)
        dirty = [key for key in keys if key in self._dirty]
        if dirty:
            try:
                await self.store.write([w for key in dirty for w in self._writes_for(key)])
            except DomainError:
                log.warning("flushing %d groups before hand-off failed", len(dirty))
        self._unload(keys)

    async def drop_shards(self, shards: frozenset[int]) -> None:
        """Forget shards lost without a hand-off (the lease expired): nothing can be written."""
        self._unload(self._keys_in(shards))

    def _unload(self, keys: list[GroupKey]) -> None:
        lost = set(keys)
        self.core.unload(keys)
        self._dirty -= lost
        in_flight = self._in_flight
        for key in keys:
            commits = {self._uncommitted.pop(key, None), in_flight}
            for commit in commits:
                if commit is not None and key in commit.keys:
                    # Not written (or its write will be fenced) and never announced.
                    commit.keys.discard(key)
                    commit.lost[key] = self._refusal(key)
        # Streams stop carrying these sessions: their next beat here is answered NOT_OWNER
        # (naming the new owner), and one that comes back registers again.
        for entry in [entry for entry in self._streams if entry[0] in lost]:
            for stream in self._streams.pop(entry):
                stream._sessions.discard(entry)
        log.info("unloaded %d failover groups", len(keys))

    def _refusal(self, key: GroupKey) -> NotOwner:
        """The NOT_OWNER for a group this replica just stopped serving, naming the owner if
        known."""
        try:
            self._check(key)
        except NotOwner as refusal:
            return refusal
        return NotOwner(None)

    async def _give_up(self, fenced: FencedOut, written: Iterable[GroupKey]) -> bool:
        """The store fenced a write: those shards are another replica's now. Stop serving them
        and unload their groups (ownership calls drop_shards); what was not committed of them
        is never written nor announced. True if none of the `written` groups is still loaded
        in those shards: the rest of the write may go again at once."""
        if self.ownership is None:
            return False
        log.warning("a write was fenced: giving up %d shards at once", len(fenced.shards))
        await self.ownership.fenced(fenced)
        shard_of, find = self.ownership.shard_of, self.core.find_group
        return not any(shard_of(k) in fenced.shards and find(k) is not None for k in written)

    # -- reads: the state they show is durable ---------------------------------------------

    def find_group(self, key: GroupKey) -> Group | None:
        """The group now, durable or not: for defaults and for watch callbacks only."""
        return self.core.find_group(key)

    async def get_group(self, key: GroupKey) -> Group:
        self._check_not_kept_aside(key)
        self._check(key)
        group = self.core.get_group(key)
        while (commit := self._uncommitted.get(key)) is not None:
            await commit.wait(key)
            group = self.core.get_group(key)
        return group

    async def list_groups(self, tenant: str, namespace: str) -> list[Group]:
        if self.ownership is not None:
            return await self._list_stored_groups(tenant, namespace)
        groups = self.core.list_groups(tenant, namespace)
        while commits := {
            commit
            for key, commit in self._uncommitted.items()
            if key.tenant == tenant and key.namespace == namespace
        }:
            for commit in commits:
                await commit.wait()
            groups = self.core.list_groups(tenant, namespace)
        return groups

    async def _list_stored_groups(self, tenant: str, namespace: str) -> list[Group]:
        """With several replicas a namespace's groups are spread over them: list what the
        store holds (roles and epochs as committed; heartbeat values up to one flush interval
        old), through a throwaway core so the rules that read documents stay in one place."""
        docs = [doc for _, doc in await self.store.scan(GROUP_KIND, (tenant, namespace))]
        view = FailoverCore(self.clock)
        view.restore(docs)
        return view.list_groups(tenant, namespace)

    async def get_session(self, key: GroupKey, session_id: str) -> Session:
        await self.get_group(key)
        return self.core.get_session(key, session_id)

    async def list_sessions(self, key: GroupKey) -> list[Session]:
        await self.get_group(key)
        return self.core.list_sessions(key)

    # -- streams and watchers -------------------------------------------------------------

    def open_stream(
        self,
        push: PushWriter,
        on_overflow: Callable[[], None],
        max_backlog: int = MAX_PUSH_BACKLOG,
    ) -> HeartbeatStreamSession:
        """A new HeartbeatStream's session; Overloaded (with a retry delay) while the server is
        behind or holds its maximum of streams (admission control)."""
        delay = self.overload.admit_stream(len(self._open), self.clock.monotonic())
        if delay is not None:
            raise Overloaded(delay)
        stream = HeartbeatStreamSession(self, push, on_overflow, max_backlog)
        self._open[stream] = None
        return stream

    def _shed(self, now: float) -> None:
        """While the server stays behind, end some of the newest streams that carry no Primary
        and no PendingPrimary (SERVER_OVERLOADED with a retry delay), so the rest are served
        in time. Runs on every tick of the lag watch."""
        count = self.overload.streams_to_shed(len(self._open), now)
        if not count:
            return
        shed: list[HeartbeatStreamSession] = []
        for stream in reversed(self._open):
            if len(shed) == count:
                break
            if not stream.overflowed and not stream.carries_leader():
                shed.append(stream)
        error = Overloaded(self.overload.retry_delay())
        for stream in shed:
            stream.end(error)
        self.overload.shed_streams += len(shed)
        log.warning(
            "behind by %.0f ms for %.1f s: ended %d of %d streams (SERVER_OVERLOADED)",
            self.overload.delay * 1000,
            now - (self.overload.behind_since or now),
            len(shed),
            len(self._open),
        )

    @contextlib.contextmanager
    def watch(self, key: GroupKey, callback: WatchCallback) -> Iterator[None]:
        """Call `callback` after every durable change of the group. Enter it right after a
        read (`get_group`) with no await in between, so no change falls between the two."""
        watchers = self._watchers.setdefault(key, [])
        watchers.append(callback)
        try:
            yield
        finally:
            watchers.remove(callback)
            if not watchers:
                del self._watchers[key]

    def _drop_stream(self, entry: tuple[GroupKey, str], stream: HeartbeatStreamSession) -> None:
        streams = self._streams.get(entry)
        if streams is None:
            return
        with contextlib.suppress(ValueError):
            streams.remove(stream)
        if not streams:
            del self._streams[entry]

    # -- FailoverListener ----------------------------------------------------------------

    def on_event(self, event: GroupEvent) -> None:
        key = event.key
        if not event.urgent:
            self._dirty.add(key)
            if event.kind == "heartbeat":
                return  # the hot path: nothing to announce
        if event.urgent:
            commit = self._gathering
            if commit is None:
                commit = self._gathering = _Commit()
                self._wake.set()
            commit.keys.add(key)
            self._uncommitted[key] = commit
            if event.role_changes:
                commit.pushes.append((key, event.role_changes))
                self._observer.on_event(event)
            if key in self._watchers:
                commit.watch_events.append(event)
        elif key in self._watchers:
            self._announce_watch([event])

    # -- durability ---------------------------------------------------------------------------

    def settle(self) -> None:
        """Re-arm the deadline timer: a call may have added an earlier deadline."""
        self._driver.arm()

    async def _settled(self, key: GroupKey) -> None:
        self._driver.arm()
        commit = self._uncommitted.get(key)
        if commit is not None:
            await commit.wait(key)

    async def _wait_for(self, keys: Iterable[GroupKey]) -> dict[GroupKey, NotOwner]:
        """Until the changes of these groups are committed (STORE_UNAVAILABLE if a commit
        failed); the groups whose change was lost with their shard, with their NOT_OWNER."""
        uncommitted = self._uncommitted
        waits = {(commit, key) for key in keys if (commit := uncommitted.get(key)) is not None}
        lost: dict[GroupKey, NotOwner] = {}
        for commit, key in waits:
            try:
                await commit.wait(key)
            except NotOwner as refusal:
                lost[key] = refusal
        return lost

    def _writes_for(self, key: GroupKey) -> list[Write]:
        if self.core.find_group(key) is not None:
            return [Write(GROUP_KIND, tuple(key), self.core.snapshot(key))]
        writes = [Write(GROUP_KIND, tuple(key), None)]
        floor = self.core.epoch_floor(key)
        if floor is not None:
            writes.append(Write(EPOCH_FLOOR_KIND, tuple(key), {"epoch": floor}))
        return writes

    async def _commit(self) -> bool:
        """Commit the gathered groups in one transaction, then announce what waited for it."""
        commit = self._gathering
        if commit is None:
            return True
        self._gathering = None
        self._in_flight = commit
        try:
            while True:
                try:
                    await self._write(commit)
                    break
                except FencedOut as fenced:
                    # Never retried: those shards are given up and their groups leave this
                    # commit (unannounced); the rest is written again at once.
                    if not await self._give_up(fenced, commit.keys):
                        raise
        except Exception:
            self.failed_commits += 1
            if self._failing_since is None:
                self._failing_since = self.clock.monotonic()
                log.exception("committing %d failover groups failed; retrying", len(commit.keys))
            else:
                log.warning(
                    "committing failover groups still fails (%d failures)", self.failed_commits
                )
            self._retry_later(commit)
            return False
        finally:
            self._in_flight = None
        if self._failing_since is not None:
            log.warning(
                "failover commits work again after %.1f s",
                self.clock.monotonic() - self._failing_since,
            )
            self._failing_since = None
        commit.ok = True
        commit.done.set()
        for key in commit.keys:
            if self._uncommitted.get(key) is commit:
                del self._uncommitted[key]
        pushes = [(key, changes) for key, changes in commit.pushes if key not in commit.lost]
        self._push(pushes)
        for key, _ in pushes:
            self._observer.pushed(key)
        self._announce_watch([e for e in commit.watch_events if e.key not in commit.lost])
        return True

    async def _write(self, commit: _Commit) -> None:
        """Write the commit's groups as they are now, in as few transactions as etcd takes."""
        writes: list[Write] = []
        keys = list(commit.keys)
        for start in range(0, len(keys), SNAPSHOT_CHUNK):
            if start:
                await asyncio.sleep(0)  # changes made meanwhile go into the next commit too
            for key in keys[start : start + SNAPSHOT_CHUNK]:
                if key not in commit.lost:  # unloaded meanwhile: its shard moved
                    writes.extend(self._writes_for(key))
        self._dirty.difference_update(commit.keys)
        # Every chunk must succeed before anything is announced; a chunk written before a
        # failure is durable early, which is harmless, and is written again on retry.
        for start in range(0, len(writes), 2 * COMMIT_CHUNK):
            await self.store.write(writes[start : start + 2 * COMMIT_CHUNK])
            self.transactions += 1

    def _retry_later(self, failed: _Commit) -> None:
        """Announce nothing of a failed commit: its waiters get UNAVAILABLE, its groups,
        pushes and watch events go into the next commit, ahead of newer ones."""
        retry = self._gathering
        if retry is None:
            retry = self._gathering = _Commit()
        kept = failed.keys - failed.lost.keys()
        retry.keys |= kept
        retry.pushes[:0] = [p for p in failed.pushes if p[0] not in failed.lost]
        retry.watch_events[:0] = [e for e in failed.watch_events if e.key not in failed.lost]
        for key in failed.keys:
            if self._uncommitted.get(key) is failed:
                self._uncommitted[key] = retry
        self._dirty |= kept
        failed.done.set()  # ok stays False: waiters raise STORE_UNAVAILABLE

    def _push(self, pushes: list[tuple[GroupKey, tuple[RoleChange, ...]]]) -> None:
        """Every role change of a commit to the streams carrying its session: one message per
        stream, in the order the changes were made."""
        by_stream: dict[HeartbeatStreamSession, Push] = {}
        streams = self._streams
        for key, changes in pushes:
            for change in changes:
                for stream in streams.get((key, change.session_id), ()):
                    by_stream.setdefault(stream, []).append((key, change))
        for stream, push in by_stream.items():
            stream._deliver(push)

    def _announce_watch(self, events: list[GroupEvent]) -> None:
        """Tell watchers, but only while the group's state is durable: an event of a group
        with a newer change in flight waits for that change's commit."""
        for event in events:
            later = self._uncommitted.get(event.key)
            if later is not None:
                later.watch_events.append(event)
                continue
            for watcher in list(self._watchers.get(event.key, ())):
                watcher(event.kind)

    async def _flush_values(self, *, all_at_once: bool = False) -> None:
        """Write groups whose heartbeat values changed, in chunks; commits of urgent changes
        go first between chunks."""
        while self._dirty:
            if self._gathering is not None and not all_at_once:
                await self._commit()
                continue
            chunk = [self._dirty.pop() for _ in range(min(FLUSH_CHUNK, len(self._dirty)))]
            writes = [w for key in chunk for w in self._writes_for(key)]
            try:
                await self.store.write(writes)
            except FencedOut as fenced:
                gone = await self._give_up(fenced, chunk)
                self._dirty.update(k for k in chunk if self.core.find_group(k) is not None)
                if gone:
                    continue  # the fenced groups are another replica's now: the rest goes again
                log.warning("persisting failover heartbeat values was fenced")
                return
            except Exception:
                log.exception("persisting failover heartbeat values failed")
                self._dirty.update(chunk)
                return
            self.transactions += 1

    async def _write_loop(self) -> None:
        # The flush and the retry back-off are timers on the injected clock, not loop sleeps,
        # so tests drive them with FakeClock.advance(). The flush timer sets a flag rather than
        # the loop comparing times: a loop timer may fire a hair before its time.
        clock = self.clock
        flush_due = False

        def flush_now() -> None:
            nonlocal flush_due
            flush_due = True
            self._wake.set()

        flush_timer = clock.call_at(clock.monotonic() + self._flush_interval, flush_now)
        retry_delay = RETRY_MIN_SECONDS
        try:
            while True:
                if self._gathering is None and not flush_due:
                    await self._wake.wait()
                self._wake.clear()
                if self._gathering is not None:
                    if await self._commit():
                        retry_delay = RETRY_MIN_SECONDS
                    else:
                        await self._sleep(retry_delay)
                        retry_delay = min(retry_delay * 2, RETRY_MAX_SECONDS)
                    continue
                if flush_due:
                    flush_due = False
                    flush_timer = clock.call_at(clock.monotonic() + self._flush_interval, flush_now)
                    await self._flush_values()
        finally:
            flush_timer.cancel()

    async def _sleep(self, seconds: float) -> None:
        """`asyncio.sleep` on the injected clock."""
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def wake() -> None:
            if not woken.done():
                woken.set_result(None)

        timer = self.clock.call_at(self.clock.monotonic() + seconds, wake)
        try:
            await woken
        finally:
            timer.cancel()


def _floor(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"epoch floor {value!r} is not a non-negative integer")
    return value

"""Failover groups: which client of a group is Primary, and when that changes.

Every failover rule of rolecall is in this file; the API layer only translates. In short:

1. A group never has two Primaries; at most one of `primary` and `pending` is set.
2. A client session is live while `now < last_seen + timeout`, `last_seen` being the server's
   monotonic clock when its last heartbeat arrived.
3. A heartbeat from S when the group has neither Primary nor PendingPrimary: the best live
   session becomes PendingPrimary (it may be S, and is S when S is alone). Nobody becomes
   Primary without first being PendingPrimary, a sole first session included.
4. The PendingPrimary becomes Primary on its acknowledgement: a heartbeat that arrives after it
   was told it is PendingPrimary (an answer returned to it, or a push written to its stream;
   the async layer reports that with `told_pending`). So every client, a REST poller included,
   sees PendingPrimary with the watermark in one answer and Primary in a later one. If it does
   not acknowledge within `timeout` of being chosen, stops being live, says goodbye or is
   removed, it goes back to Secondary and the next best live session (not it) is chosen; if
   there is none, the group has no Primary ("primary_lost").
5. Best = highest score; ties go to the most recent heartbeat. Only live sessions are candidates.
6. When the Primary misses its deadline, says goodbye or is removed, it becomes Secondary, the
   group's watermark becomes its last data time, and the best live secondary becomes
   PendingPrimary, told that watermark. No candidate: no Primary now ("primary_lost").
7. Health handover: a live secondary whose score stays strictly higher than the Primary's for a
   whole `timeout` takes over in two steps: the Primary is demoted, the challenger becomes
   PendingPrimary (then Primary as in rule 4). Any heartbeat showing it not higher, or the
   challenger going non-live, restarts its clock; equal scores never hand over.
8. The epoch grows by one each time a session becomes Primary; every role change and every
   heartbeat answer carries it (a fencing token). Epochs are never reused for a group key: a
   deleted group leaves its epoch as a floor (`epoch_floors`, stored by the async layer in the
   same transaction as the delete) that a re-created or restored group starts from.
9. Deadlines are event-driven from ONE `DeadlineHeap` (server/domain/deadlines.py, the one TTL
   sessions use too), keyed by a timer per session (rule 2), per group's PendingPrimary
   acknowledgement (rule 4) and per group's health handover (rule 7). A heartbeat moves its
   session's deadline later: one dict store, the heap entry is revalidated when it surfaces.
   A handover timer sits at the earliest challenger's due time when set and is checked against
   the challengers' real clocks when it fires. Timers of removed sessions and groups are
   discarded; a timeout change re-sets the group's timers.
10. Every change calls the listener once, with all the role changes it caused. The async layer
   makes urgent changes durable before any answer, push or watch event carries them.
11. A restore gives every live session a fresh grace of one timeout, spread like etcd's lessor
   `Promote`: the k-th restored group's grace starts k / RESTORE_EXPIRIES_PER_SECOND seconds
   later, so a restart followed by a fleet that does not come back fails over at most 1,000
   groups per second instead of every group in the same millisecond.
12. Overload never fails over a live client (server/domain/overload.py). A session whose last
   heartbeat was processed A seconds later than its heartbeat_time says (beyond the least
   delay seen from it: clock offset and transit) waited A seconds in the server's queues, and
   so do the ones after it: its deadline is A later (at most 60 s; a client clock that does
   not advance gives nothing). The least such wait over half a second, across at least three
   sessions, is how far behind the server itself is (CoDel's standing queue delay: one slow
   client cannot raise it), or its event loop's lateness when that is more; over 150 ms the
   server is behind. A deadline (rule 2)
   or acknowledgement (rule 4) that comes due while the server is, or within one timeout was,
   behind is deferred to one timeout after the last
   moment it was behind, like etcd refreshing every lease after a leader change; never more
   than max(timeout, 10 s) past its own time, so a client that truly stops still fails over.
   A missed deadline that would fail a Primary over while the server has heard no heartbeat
   from anyone for more than half the group's timeout (and holds at least 50 deadlines) is a
   disruption of the server or network, not a client failure (Kubernetes' node lifecycle
   controller stops evicting when a whole zone is NotReady): the server counts itself behind,
   so it and the other deadlines are deferred the same way. The brake is off until the
   graces of a restore have ended: rule 11 paces those.

Plain Python: no grpc, no asyncio, time from an injected `Clock`. Not thread-safe: the async
layer calls it from its event loop only. The listener must not call back into mutating methods.
"""

from __future__ import annotations

import enum
import itertools
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, Protocol

from server.domain.clock import Clock
from server.domain.deadlines import DeadlineHeap
from server.domain.errors import AlreadyExists, Conflict, InvalidArgument, NotFound, check_id
from server.domain.limits import MAX_FAILOVER_TIMEOUT_SECONDS
from server.domain.overload import Overload
from server.domain.quotas import DEFAULT_QUOTAS, Quotas, check_quota, check_text

log = logging.getLogger("rolecall.overload")

SNAPSHOT_VERSION = 1
# Rule 12: a session's least delay moves up by this share of each larger one, so an offset
# that stays (a client clock stepped back) fades in a few hundred heartbeats, while a queue of
# seconds is still seen at once.
FLOOR_CREEP = 1 / 256
# Rule 11: restored groups' deadlines are spread so that at most this many fall in any second.
RESTORE_EXPIRIES_PER_SECOND = 1000.0
MAX_TIMEOUT_SECONDS = MAX_FAILOVER_TIMEOUT_SECONDS


class GroupKey(NamedTuple):
    """Names a failover group; tenancy is part of every key."""

    tenant: str
    namespace: str
    group: str


class Role(enum.IntEnum):
    """A client session's role, as the documented integers."""

    SECONDARY = 0
    PRIMARY = 1
    PENDING_PRIMARY = 2


EventKind = Literal[
    "created",
    "updated",
    "deleted",
    "session_added",
    "session_removed",
    "primary",
    "pending_primary",
    "primary_lost",
    "demoted",
    "client_lost",
    "heartbeat",
]


@dataclass(frozen=True, slots=True)
class RoleChange:
    """A session's new role, to push to it at once."""

    session_id: str
    role: Role
    epoch: int
    watermark: datetime | None
    timeout: float
    # Names this PendingPrimary choice (role PENDING_PRIMARY only): pass it to `told_pending`.
    # Not part of the value: two changes to the same role compare equal.
    pending_serial: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class GroupEvent:
    """One change of a group, with every role change it caused, in order.

    `kind` names the change. When roles changed it names the outcome: "primary" (a session became
    Primary), "pending_primary" (a PendingPrimary was chosen), "demoted" (a health handover: the
    Primary was demoted and a healthier session chosen as PendingPrimary) or "primary_lost" (the
    group has neither Primary nor PendingPrimary now). Otherwise it names the cause: "created",
    "updated" (group configuration or a session's name), "deleted", "session_added",
    "session_removed", "client_lost" (a secondary stopped being live) or "heartbeat".
    `urgent` is True when something a restart needs changed (configuration, roles, epoch,
    membership); False for liveness and heartbeat values alone.
    """

    key: GroupKey
    kind: EventKind
    role_changes: tuple[RoleChange, ...]
    urgent: bool


class FailoverListener(Protocol):
    """Told of every change, synchronously, after the core's state is consistent again."""

    def on_event(self, event: GroupEvent) -> None: ...


@dataclass(frozen=True, slots=True)
class HeartbeatResult:
    """The answer to a heartbeat: the session's role now and what it needs to act on it."""

    role: Role
    epoch: int
    # The Primary's last data time if there is a Primary (and it gave one), else the group's
    # watermark: where a new Primary resumes.
    watermark: datetime | None
    timeout: float
    # Names this PendingPrimary choice (role PENDING_PRIMARY only): pass it to `told_pending`.
    # Not part of the value: two changes to the same role compare equal.
    pending_serial: int = field(default=0, compare=False)


@dataclass(slots=True)
class Session:
    """A client session of a group."""

    id: str
    name: str
    role: Role = Role.SECONDARY
    score: float = 0.0
    heartbeat_time: datetime | None = None  # by the client's clock
    last_data_time: datetime | None = None
    # Server monotonic time of the last heartbeat; None before the first one, after a goodbye,
    # and after a restart for a session that was not live.
    last_seen: float | None = None
    # Since when this secondary's score has been strictly higher than the Primary's (rule 7).
    better_since: float | None = None
    # Its key in the deadline heap, made at its first heartbeat; it has a deadline while the
    # heap holds this key.
    timer: _Timer | None = field(default=None, repr=False, compare=False)
    # Rule 12: the least (server wall time at processing - its heartbeat_time) seen, in seconds
    # (clock offset plus transit), and how much older than that its last heartbeat was when
    # processed: how long it waited in the server's queues.
    delay_floor: float = field(default=math.inf, repr=False, compare=False)
    queued: float = field(default=0.0, repr=False, compare=False)


@dataclass(slots=True)
class Group:
    """A failover group: configuration, roles and client sessions (in insertion order)."""

    key: GroupKey
    name: str
    description: str
    timeout: float  # seconds, > 0
    epoch: int = 0
    primary: str | None = None
    pending: str | None = None
    pending_since: float | None = None  # server monotonic time the PendingPrimary was chosen
    # Which PendingPrimary choice this is (unique in the core), and whether the session was
    # told of it; only a told PendingPrimary's heartbeat acknowledges (rule 4).
    pending_serial: int = 0
    pending_told: bool = False
    watermark: datetime | None = None  # the last known Primary's last data time
    sessions: dict[str, Session] = field(default_factory=dict)
    # Its keys in the deadline heap: the PendingPrimary's acknowledgement and the handover.
    pending_timer: _Timer = field(init=False, repr=False, compare=False)
    handover_timer: _Timer = field(init=False, repr=False, compare=False)
    # A plain heartbeat's event never varies, so the hot path reuses this one.
    heartbeat_event: GroupEvent = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.heartbeat_event = GroupEvent(self.key, "heartbeat", (), False)
        self.pending_timer = _Timer(_PENDING_ACK, self, None)
        self.handover_timer = _Timer(_HANDOVER, self, None)


# Timer kinds.
_DEADLINE = 0  # a session stops being live (rule 2)
_PENDING_ACK = 1  # a PendingPrimary has not acknowledged in time (rule 4)
_HANDOVER = 2  # a challenger has been healthier for a whole timeout (rule 7)


@dataclass(frozen=True, slots=True, eq=False)
class _Timer:
    """A key of the deadline heap. Compared and hashed by identity (eq=False), so a heartbeat's
    `set()` hashes no strings, and a timer of a replaced group or session never matches the new
    one's."""

    kind: int
    group: Group
    session: Session | None  # the session whose deadline it is (_DEADLINE only)


def _is_live(session: Session, timeout: float, now: float) -> bool:
    last_seen = session.last_seen
    return last_seen is not None and now < last_seen + timeout


def _ranks_above(candidate: Session, best: Session | None) -> bool:
    """Rule 5: highest score, then most recent heartbeat; earlier sessions win exact ties."""
    if best is None:
        return True
    if candidate.score != best.score:
        return candidate.score > best.score
    return (candidate.last_seen or 0.0) > (best.last_seen or 0.0)


def _check_key(key: GroupKey) -> GroupKey:
    check_id(key.tenant, "tenant")
    check_id(key.namespace, "namespace")
    check_id(key.group, "group")
    return GroupKey(*key)


def _check_timeout(timeout: float) -> float:
    if not math.isfinite(timeout) or timeout <= 0 or timeout > MAX_TIMEOUT_SECONDS:
        raise InvalidArgument(
            "INVALID_FAILOVER_TIMEOUT",
            "The failover timeout must be a positive time span.",
            'Give a FailoverTimeout such as "00:00:30" or a positive Milliseconds.',
        )
    return float(timeout)


def _check_time(value: datetime | None, what: str) -> None:
    if value is not None and value.tzinfo is None:
        raise InvalidArgument(
            "INVALID_TIMESTAMP",
            f"The {what} has no time zone.",
            f"Give the {what} as an RFC 3339 timestamp with a zone, such as '...Z'.",
        )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _from_iso(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"snapshot time {value!r} has no time zone")
    return parsed


def _group_not_found(key: GroupKey) -> NotFound:
    return NotFound(
        "GROUP_NOT_FOUND",
        f"The failover group {key.group!r} was not found.",
        "Check the tenant, namespace and group identifiers, or create the group first.",
    )


def _session_not_found(session_id: str) -> NotFound:
    return NotFound(
        "SESSION_NOT_FOUND",
        f"The client session {session_id!r} was not found in the group.",
        "Check the client session identifier, or add the session to the group first.",
    )


class FailoverCore:
    """All failover groups of this server, their client sessions and their deadlines."""

    def __init__(
        self,
        clock: Clock,
        listener: FailoverListener | None = None,
        quotas: Quotas = DEFAULT_QUOTAS,
        overload: Overload | None = None,
    ) -> None:
        self._clock = clock
        self._listener = listener
        self._quotas = quotas
        # Rule 12: how far behind the server is; fed by the async layer.
        self.overload = overload or Overload()
        self._groups: dict[GroupKey, Group] = {}
        self._namespaces: dict[tuple[str, str], dict[str, Group]] = {}
        self._deadlines: DeadlineHeap[_Timer] = DeadlineHeap()
        self._serials = itertools.count(1)
        # Rule 8: the highest epoch of every deleted group, so a re-created one goes on from it.
        self._epoch_floors: dict[GroupKey, int] = {}
        self._restored = 0  # groups restored so far (rule 11)
        # Until every restored grace has ended, the brake (rule 12) is off: rule 11 paces those.
        self._graces_end = -math.inf

    # ----- groups -------------------------------------------------------------------------

    def create_group(self, key: GroupKey, name: str, description: str, timeout: float) -> Group:
        """A new group; AlreadyExists("GROUP_EXISTS") if the key is taken."""
        key = _check_key(key)
        timeout = _check_timeout(timeout)
        self._check_texts(name, description)
        self.expire()
        if key in self._groups:
            raise AlreadyExists(
                "GROUP_EXISTS",
                f"A failover group {key.group!r} already exists.",
                "Use another group identifier, or PUT to update the group.",
            )
        in_namespace = len(self._namespaces.get((key.tenant, key.namespace), ()))
        limit = self._quotas.groups_per_namespace
        check_quota(in_namespace, limit, "failover groups in this namespace")
        group = Group(key, name, description, timeout, epoch=self._epoch_floors.get(key, 0))
        self._groups[key] = group
        self._namespaces.setdefault((key.tenant, key.namespace), {})[key.group] = group
        self._emit(GroupEvent(key, "created", (), True))
        return group

    def put_group(
        self, key: GroupKey, name: str, description: str, timeout: float
    ) -> tuple[Group, bool]:
        """Create the group, or update its configuration keeping sessions and roles.

        Answers the group and whether it was created. A changed timeout applies to every
        deadline from now on, measured from the same last heartbeat.
        """
        key = _check_key(key)
        timeout = _check_timeout(timeout)
        group = self._groups.get(key)
        if group is None:
            return self.create_group(key, name, description, timeout), True
        self._check_texts(name, description)
        self.expire()
        changed = (group.name, group.description, group.timeout) != (name, description, timeout)
        group.name = name
        group.description = description
        if timeout != group.timeout:
            group.timeout = timeout
            self._requeue(group)
        if changed:
            self._emit(GroupEvent(key, "updated", (), True))
        self.expire()  # a shorter timeout may have made deadlines due already
        return group, False

    def get_group(self, key: GroupKey) -> Group:
        return self._group(key)

    def find_group(self, key: GroupKey) -> Group | None:
        """The group, or None: for callers to whom a missing group is not an error."""
        return self._namespaces.get((key.tenant, key.namespace), {}).get(key.group)

    def list_groups(self, tenant: str, namespace: str) -> list[Group]:
        """The groups of a namespace ordered by identifier (the same before and after a
        restart, since the store returns them in key order); empty for an unknown namespace."""
        check_id(tenant, "tenant")
        check_id(namespace, "namespace")
        groups = self._namespaces.get((tenant, namespace), {})
        return [groups[group_id] for group_id in sorted(groups)]

    def namespaces(self) -> list[tuple[str, str]]:
        """Every (tenant, namespace) that has groups, in order (for the status view)."""
        return sorted(key for key, groups in self._namespaces.items() if groups)

    def delete_group(self, key: GroupKey) -> None:
        """Delete a group; Conflict("GROUP_HAS_LIVE_CLIENTS") while any session is live."""
        self.expire()
        group = self._group(key)
        now = self._clock.monotonic()
        if any(_is_live(s, group.timeout, now) for s in group.sessions.values()):
            raise Conflict(
                "GROUP_HAS_LIVE_CLIENTS",
                f"The failover group {group.key.group!r} still has live clients.",
                "Stop the clients (or remove their sessions) first, or wait for them to expire.",
            )
        del self._groups[group.key]
        if group.epoch > self._epoch_floors.get(group.key, 0):
            self._epoch_floors[group.key] = group.epoch
        namespace = (group.key.tenant, group.key.namespace)
        del self._namespaces[namespace][group.key.group]
        if not self._namespaces[namespace]:
            del self._namespaces[namespace]
        self._discard_timers(group)
        self._emit(GroupEvent(group.key, "deleted", (), True))

    # ----- sessions -----------------------------------------------------------------------

    def add_session(
        self, key: GroupKey, session_id: str, name: str, *, exist_ok: bool
    ) -> tuple[Session, bool]:
        """Add a client session; with exist_ok an existing one is renamed instead of refused.

        Answers the session and whether it was created.
        """
        check_text(name, self._quotas.name_length, "client session Name")
        self.expire()
        group = self._group(key)
        check_id(session_id, "client session")
        session = group.sessions.get(session_id)
        if session is not None:
            if not exist_ok:
                raise AlreadyExists(
                    "SESSION_EXISTS",
                    f"A client session {session_id!r} already exists in the group.",
                    "Use another client session identifier, or PUT to update it.",
                )
            if session.name != name:
                session.name = name
                self._emit(GroupEvent(group.key, "updated", (), True))
            return session, False
        limit = self._quotas.sessions_per_group
        check_quota(len(group.sessions), limit, "client sessions in this group")
        session = Session(session_id, name)
        group.sessions[session_id] = session
        self._emit(GroupEvent(group.key, "session_added", (), True))
        return session, True

    def get_session(self, key: GroupKey, session_id: str) -> Session:
        return self._session(self._group(key), session_id)

    def list_sessions(self, key: GroupKey) -> list[Session]:
        return list(self._group(key).sessions.values())

    def remove_session(self, key: GroupKey, session_id: str) -> None:
        """Remove a client session; a Primary or PendingPrimary fails over at once."""
        self.expire()
        group = self._group(key)
        session = self._session(group, session_id)
        del group.sessions[session_id]
        self._discard_deadline(session)
        session.better_since = None
        now = self._clock.monotonic()
        changes: list[RoleChange] = []
        kind: EventKind = "session_removed"
        if group.primary == session_id:
            kind = self._lose_primary(group, session, changes, now)
        elif group.pending == session_id:
            kind = self._lose_pending(group, session, changes, now)
        self._emit(GroupEvent(group.key, kind, tuple(changes), True))

    def is_live(self, group: Group, session: Session) -> bool:
        """Whether the session is live now (rule 2)."""
        return _is_live(session, group.timeout, self._clock.monotonic())

    # ----- heartbeats (the hot path) ------------------------------------------------------

    def heartbeat(
        self,
        key: GroupKey,
        session_id: str,
        score: float,
        heartbeat_time: datetime | None,
        last_data_time: datetime | None,
    ) -> HeartbeatResult:
        """Take a heartbeat and answer the session's role.

        O(1) in the usual case; loops over the group's own sessions only when roles change or
        the Primary's score changes. Moving the session's deadline later is one dict store;
        the heap gets an entry only when the session had no deadline (its first heartbeat, or
        its first since it stopped being live).
        """
        if not math.isfinite(score):
            raise InvalidArgument(
                "INVALID_FAILOVER_STATUS",
                "The failover status (health score) is not a finite number.",
                "Give a finite number, such as the percentage of healthy streams.",
            )
        _check_time(heartbeat_time, "heartbeat time")
        _check_time(last_data_time, "last data time")
        group = self._group(key)
        session = self._session(group, session_id)
        now = self._clock.monotonic()
        self.overload.last_heartbeat = now  # rule 12's brake: the server hears someone
        if heartbeat_time is not None:  # rule 12: how long it waited in the server's queues
            previous = session.heartbeat_time
            if previous is None or heartbeat_time > previous:
                delay = (self._clock.wall() - heartbeat_time).total_seconds()
                floor = session.delay_floor
                if floor == math.inf:  # its first: its floor, nothing known of a queue yet
                    session.delay_floor = delay
                    session.queued = 0.0
                else:
                    if delay < floor:
                        session.delay_floor = floor = delay
                    else:  # a clock that stepped back is forgotten, slowly
                        session.delay_floor = floor + (delay - floor) * FLOOR_CREEP
                    session.queued = queued = delay - floor
                    self.overload.heard(id(session), queued, now)
            else:  # a client clock that does not advance tells nothing
                session.queued = 0.0
        entries = self._deadlines.entries
        if entries and entries[0][0] <= now:  # DeadlineHeap.may_be_due without a call
            self._expire_at(now)  # a deadline before this heartbeat counts first

        previous_score = session.score
        session.score = score = float(score)
        session.heartbeat_time = heartbeat_time
        session.last_data_time = last_data_time
        session.last_seen = now
        timer = session.timer
        if timer is None:
            timer = session.timer = _Timer(_DEADLINE, group, session)
        self._deadlines.set(timer, now + group.timeout)

        event = group.heartbeat_event
        primary_id = group.primary
        if primary_id == session_id:
            if score != previous_score:
                self._rescore_challengers(group, session, now, restart=False)
        elif primary_id is not None:
            self._track_challenger(group, session, group.sessions[primary_id], now)
        elif group.pending == session_id:
            if group.pending_told:
                # Rule 4: a heartbeat after it was told is its acknowledgement.
                change = self._promote(group, session, now)
                event = GroupEvent(group.key, "primary", (change,), True)
        elif group.pending is None:
            event = self._elect(group, session, now)
        self._emit(event)
        return HeartbeatResult(
            session.role,
            group.epoch,
            self._watermark(group),
            group.timeout,
            group.pending_serial if session.role == Role.PENDING_PRIMARY else 0,
        )

    def told_pending(self, key: GroupKey, session_id: str, pending_serial: int) -> None:
        """The session was told it is PendingPrimary (choice `pending_serial`): an answer
        returned to it or a push written to its stream. Its next heartbeat acknowledges."""
        group = self.find_group(key)
        if (
            group is not None
            and group.pending == session_id
            and group.pending_serial == pending_serial
        ):
            group.pending_told = True

    def goodbye(self, key: GroupKey, session_id: str) -> None:
        """The session leaves: it is not live any more but stays registered.

        A Primary or PendingPrimary fails over at once instead of at its deadline.
        """
        self.expire()
        group = self._group(key)
        session = self._session(group, session_id)
        now = self._clock.monotonic()
        was_live = _is_live(session, group.timeout, now)
        session.last_seen = None
        self._discard_deadline(session)
        session.better_since = None
        changes: list[RoleChange] = []
        kind: EventKind
        if group.primary == session_id:
            kind = self._lose_primary(group, session, changes, now)
        elif group.pending == session_id:
            kind = self._lose_pending(group, session, changes, now)
        elif was_live:
            kind = "client_lost"
        else:
            return
        self._emit(GroupEvent(group.key, kind, tuple(changes), bool(changes)))

    # ----- shards (several replicas) --------------------------------------------------------

    def group_keys(self) -> list[GroupKey]:
        """Every loaded group's key."""
        return list(self._groups)

    def unload(self, keys: Iterable[GroupKey]) -> None:
        """Forget groups another replica now serves (their shard moved): no event, no rule runs.
        Their state stays in the store; the new owner restores it with a fresh grace."""
        for key in keys:
            group = self._groups.pop(key, None)
            if group is None:
                continue
            namespace = (key.tenant, key.namespace)
            del self._namespaces[namespace][key.group]
            if not self._namespaces[namespace]:
                del self._namespaces[namespace]
            # Its heap entries go stale: _top() drops entries whose group is not registered.

    # ----- deadlines ----------------------------------------------------------------------

    def epoch_floor(self, key: GroupKey) -> int | None:
        """The highest epoch a deleted group of this key reached; None if none was deleted."""
        return self._epoch_floors.get(key)

    def next_deadline(self) -> float | None:
        """The monotonic time of the earliest deadline that may fire; None when there is none."""
        return self._deadlines.next_deadline()

    def expire(self) -> None:
        """Act on every deadline due at the clock's monotonic time now."""
        self._expire_at(self._clock.monotonic())

    def sizes(self) -> tuple[int, int]:
        """(groups, deadline heap entries, stale ones included): plain `len()`s, safe to read
        from the metrics thread."""
        return len(self._groups), self._deadlines.heap_size()

    # ----- persistence --------------------------------------------------------------------

    def snapshot(self, key: GroupKey) -> dict[str, Any]:
        """What a restart needs of a group, as a JSON-able document."""
        group = self._group(key)
        now = self._clock.monotonic()
        return {
            "version": SNAPSHOT_VERSION,
            "tenant": group.key.tenant,
            "namespace": group.key.namespace,
            "group": group.key.group,
            "name": group.name,
            "description": group.description,
            "timeout": group.timeout,
            "epoch": group.epoch,
            "primary": group.primary,
            "pending": group.pending,
            "watermark": _iso(group.watermark),
            "sessions": [
                {
                    "id": s.id,
                    "name": s.name,
                    "role": int(s.role),
                    "score": s.score,
                    "heartbeat_time": _iso(s.heartbeat_time),
                    "last_data_time": _iso(s.last_data_time),
                    "live": _is_live(s, group.timeout, now),
                }
                for s in group.sessions.values()
            ],
        }

    def restore(
        self, docs: Iterable[dict[str, Any]], epoch_floors: Iterable[tuple[GroupKey, int]] = ()
    ) -> None:
        """Load groups from snapshots at start-up, replacing any group with the same key.

        Roles, epoch and watermark are kept; an epoch below the key's floor (rule 8) is raised
        to it. A restored PendingPrimary must be told again before it acknowledges. Every
        session that was live, and the Primary and PendingPrimary in any case, get a fresh grace
        of one timeout from now (spread, rule 11), so a Primary that keeps heartbeating stays
        Primary. Emits no events. ValueError for a corrupt document (nothing of it is loaded).
        """
        for floor_key, floor in epoch_floors:
            floor_key = GroupKey(*floor_key)
            if floor > self._epoch_floors.get(floor_key, 0):
                self._epoch_floors[floor_key] = floor
        for doc in docs:
            group, graced = self._group_from_doc(doc)
            group.epoch = max(group.epoch, self._epoch_floors.get(group.key, 0))
            now = self._clock.monotonic() + self._restored / RESTORE_EXPIRIES_PER_SECOND
            self._restored += 1
            old = self._groups.get(group.key)
            self._groups[group.key] = group
            namespace = self._namespaces.setdefault((group.key.tenant, group.key.namespace), {})
            if old is not None:
                del namespace[group.key.group]  # keep creation order: the restored one is new
                self._discard_timers(old)
            namespace[group.key.group] = group
            for session in graced:
                session.last_seen = now
                self._set_deadline(group, session, now + group.timeout)
            self._graces_end = max(self._graces_end, now + group.timeout)
            if group.pending is not None:
                group.pending_since = now
                group.pending_serial = next(self._serials)
                self._deadlines.set(group.pending_timer, now + group.timeout)

    # ----- the rules ----------------------------------------------------------------------

    def _elect(self, group: Group, session: Session, now: float) -> GroupEvent:
        """Rule 3: `session` heartbeated into a group with neither Primary nor PendingPrimary."""
        changes: list[RoleChange] = []
        self._choose_pending(group, None, changes, now)
        return GroupEvent(group.key, "pending_primary", tuple(changes), True)

    def _promote(self, group: Group, session: Session, now: float) -> RoleChange:
        """Rules 4 and 8: `session` becomes Primary and the epoch grows by one."""
        group.pending = None
        group.pending_since = None
        self._deadlines.discard(group.pending_timer)
        group.pending_told = False
        group.primary = session.id
        group.epoch += 1
        session.role = Role.PRIMARY
        session.better_since = None
        self._rescore_challengers(group, session, now, restart=True)
        return RoleChange(
            session.id, Role.PRIMARY, group.epoch, self._watermark(group), group.timeout
        )

    def _lose_primary(
        self, group: Group, primary: Session, changes: list[RoleChange], now: float
    ) -> EventKind:
        """Rule 6: the Primary is gone (deadline, goodbye, removal); choose a successor."""
        self._demote(group, primary, changes)
        if self._choose_pending(group, primary, changes, now):
            return "pending_primary"
        return "primary_lost"

    def _lose_pending(
        self, group: Group, pending: Session, changes: list[RoleChange], now: float
    ) -> EventKind:
        """Rule 4: the PendingPrimary did not make it; the next best (not it) is chosen."""
        group.pending = None
        group.pending_since = None
        self._deadlines.discard(group.pending_timer)
        pending.role = Role.SECONDARY
        changes.append(
            RoleChange(pending.id, Role.SECONDARY, group.epoch, group.watermark, group.timeout)
        )
        if self._choose_pending(group, pending, changes, now):
            return "pending_primary"
        return "primary_lost"

    def _demote(self, group: Group, primary: Session, changes: list[RoleChange]) -> None:
        """The Primary becomes Secondary; its last data time becomes the group's watermark."""
        group.primary = None
        primary.role = Role.SECONDARY
        if primary.last_data_time is not None:
            group.watermark = primary.last_data_time
        for session in group.sessions.values():
            session.better_since = None  # no Primary to be better than
        changes.append(
            RoleChange(primary.id, Role.SECONDARY, group.epoch, group.watermark, group.timeout)
        )

    def _choose_pending(
        self, group: Group, exclude: Session | None, changes: list[RoleChange], now: float
    ) -> bool:
        """Rule 5: the best live session other than `exclude` becomes PendingPrimary."""
        best: Session | None = None
        for session in group.sessions.values():
            if (
                session is not exclude
                and _is_live(session, group.timeout, now)
                and _ranks_above(session, best)
            ):
                best = session
        if best is None:
            return False
        self._make_pending(group, best, changes, now)
        return True

    def _make_pending(
        self, group: Group, session: Session, changes: list[RoleChange], now: float
    ) -> None:
        session.role = Role.PENDING_PRIMARY
        group.pending = session.id
        group.pending_since = now
        group.pending_serial = next(self._serials)
        group.pending_told = False
        self._deadlines.set(group.pending_timer, now + group.timeout)
        changes.append(
            RoleChange(
                session.id,
                Role.PENDING_PRIMARY,
                group.epoch,
                group.watermark,
                group.timeout,
                group.pending_serial,
            )
        )

    def _track_challenger(
        self, group: Group, session: Session, primary: Session, now: float
    ) -> None:
        """Rule 7, on a secondary's heartbeat: start or reset its claim to be healthier."""
        if session.score > primary.score:
            if session.better_since is None:
                session.better_since = now
                self._ensure_handover(group, now + group.timeout)
        else:
            session.better_since = None

    def _rescore_challengers(
        self, group: Group, primary: Session, now: float, *, restart: bool
    ) -> None:
        """Rule 7, when the Primary's score changed (or a new Primary, `restart`)."""
        timeout = group.timeout
        for session in group.sessions.values():
            if session is primary:
                continue
            if _is_live(session, timeout, now) and session.score > primary.score:
                if restart or session.better_since is None:
                    session.better_since = now
                    self._ensure_handover(group, now + timeout)
            else:
                session.better_since = None

    def _ensure_handover(self, group: Group, when: float) -> None:
        # Challengers' clocks only start later than a set timer's time, so a set one stays:
        # when it fires, _hand_over checks the real clocks and sets it again if none is due.
        if group.handover_timer not in self._deadlines:
            self._deadlines.set(group.handover_timer, when)

    def _handover_due(self, group: Group) -> float | None:
        starts = [s.better_since for s in group.sessions.values() if s.better_since is not None]
        return min(starts) + group.timeout if starts else None

    def _hand_over(self, group: Group, now: float) -> None:
        """Rule 7: a challenger has been strictly healthier than the Primary for a timeout."""
        if group.primary is None:
            return
        primary = group.sessions[group.primary]
        if not _is_live(primary, group.timeout, now):
            return  # its own deadline is due too and fails over to the best live session
        best: Session | None = None
        for session in group.sessions.values():
            if session.better_since is None:
                continue
            if not _is_live(session, group.timeout, now):
                session.better_since = None  # not continuously healthier while not live
            elif session.better_since + group.timeout <= now and _ranks_above(session, best):
                best = session
        if best is None:
            due = self._handover_due(group)
            if due is not None:
                self._ensure_handover(group, due)
            return
        changes: list[RoleChange] = []
        self._demote(group, primary, changes)
        self._make_pending(group, best, changes, now)
        self._emit(GroupEvent(group.key, "demoted", tuple(changes), True))

    def _watermark(self, group: Group) -> datetime | None:
        if group.primary is not None:
            last_data_time = group.sessions[group.primary].last_data_time
            if last_data_time is not None:
                return last_data_time
        return group.watermark

    # ----- the deadline heap --------------------------------------------------------------

    def _set_deadline(self, group: Group, session: Session, when: float) -> None:
        timer = session.timer
        if timer is None:
            timer = session.timer = _Timer(_DEADLINE, group, session)
        self._deadlines.set(timer, when)

    def _discard_deadline(self, session: Session) -> None:
        if session.timer is not None:
            self._deadlines.discard(session.timer)

    def _discard_timers(self, group: Group) -> None:
        """The group is gone (deleted or replaced by a restore): none of its timers fires."""
        for session in group.sessions.values():
            self._discard_deadline(session)
        self._deadlines.discard(group.pending_timer)
        self._deadlines.discard(group.handover_timer)

    def _requeue(self, group: Group) -> None:
        """After a timeout change: set the group's timers again, measured from the same times.

        A session that was lost under the old timeout but is live under the new one gets a
        deadline again, so that every live session has one.
        """
        now = self._clock.monotonic()
        deadlines = self._deadlines
        for session in group.sessions.values():
            if session.last_seen is None:
                continue
            has_deadline = session.timer is not None and session.timer in deadlines
            if has_deadline or _is_live(session, group.timeout, now):
                self._set_deadline(group, session, session.last_seen + group.timeout)
        if group.pending is not None and group.pending_since is not None:
            deadlines.set(group.pending_timer, group.pending_since + group.timeout)
        deadlines.discard(group.handover_timer)
        due = self._handover_due(group)
        if due is not None:
            self._ensure_handover(group, due)

    def _expire_at(self, now: float) -> None:
        # One timer at a time: acting on one may move or discard the others.
        deadlines = self._deadlines
        while (timer := deadlines.pop_next_due(now)) is not None:
            group = timer.group
            if self._groups.get(group.key) is not group:
                continue  # defensive: a gone group's timers are discarded
            if timer.kind == _DEADLINE:
                session = timer.session
                assert session is not None
                if group.sessions.get(session.id) is not session or session.last_seen is None:
                    continue
                deadline = session.last_seen + group.timeout
                own = deadline + min(session.queued, self.overload.settings.max_queued)
                if own > now:  # rule 12: its last heartbeat waited in the server's queues
                    self.overload.deferred += 1
                    self._set_deadline(group, session, own)
                    continue
                later = self.overload.deferred_deadline(deadline, group.timeout, now)
                if later is None and self._braked(group, session, now):
                    later = self.overload.deferred_deadline(
                        session.last_seen + group.timeout, group.timeout, now
                    )
                if later is not None:  # rule 12: the server was, or counts itself, behind
                    self._set_deadline(group, session, later)
                else:
                    self._session_lost(group, session, now)
            elif timer.kind == _PENDING_ACK:
                if group.pending is not None and group.pending_since is not None:
                    later = self.overload.deferred_deadline(
                        group.pending_since + group.timeout, group.timeout, now
                    )
                    if later is not None:  # rule 12: its acknowledgement may be queued
                        self._deadlines.set(group.pending_timer, later)
                        continue
                    changes: list[RoleChange] = []
                    pending = group.sessions[group.pending]
                    kind_name = self._lose_pending(group, pending, changes, now)
                    self._emit(GroupEvent(group.key, kind_name, tuple(changes), True))
            else:
                self._hand_over(group, now)

    def _braked(self, group: Group, session: Session, now: float) -> bool:
        """Rule 12's brake, for a session whose deadline counts: True if losing it would be a
        failover (a Primary with a live successor) in a silence of everyone."""
        if group.primary != session.id or now <= self._graces_end:
            return False  # not a failover; or restored graces, which rule 11 paces
        if not any(
            s is not session and _is_live(s, group.timeout, now) for s in group.sessions.values()
        ):
            return False
        brakes = self.overload.brakes
        if not self.overload.brake(now, group.timeout, len(self._deadlines)):
            return False
        if self.overload.brakes != brakes:
            log.warning(
                "no heartbeat from any client for %.1f s while Primaries' deadlines pass: "
                "treating it as a disruption of this server or its network, not as client "
                "failures; deadlines are deferred (failover brake)",
                now - self.overload.last_heartbeat,
            )
        return True

    def _session_lost(self, group: Group, session: Session, now: float) -> None:
        """Rule 2: the session's deadline passed without a heartbeat."""
        session.better_since = None
        changes: list[RoleChange] = []
        kind: EventKind
        if group.primary == session.id:
            kind = self._lose_primary(group, session, changes, now)
        elif group.pending == session.id:
            kind = self._lose_pending(group, session, changes, now)
        else:
            kind = "client_lost"
        self._emit(GroupEvent(group.key, kind, tuple(changes), bool(changes)))

    # ----- helpers ------------------------------------------------------------------------

    def _check_texts(self, name: str, description: str) -> None:
        check_text(name, self._quotas.name_length, "group Name")
        check_text(description, self._quotas.description_length, "group Description")

    def _group(self, key: GroupKey) -> Group:
        group = self._groups.get(key)
        if group is None:
            # Stored ids were checked when stored, so only a miss needs the (slower) check.
            raise _group_not_found(_check_key(GroupKey(*key)))
        return group

    def _session(self, group: Group, session_id: str) -> Session:
        session = group.sessions.get(session_id)
        if session is None:
            check_id(session_id, "client session")
            raise _session_not_found(session_id)
        return session

    def _emit(self, event: GroupEvent) -> None:
        if self._listener is not None:
            self._listener.on_event(event)

    def _group_from_doc(self, doc: dict[str, Any]) -> tuple[Group, list[Session]]:
        """A group from its snapshot, and the sessions that get a fresh grace."""
        try:
            if doc["version"] != SNAPSHOT_VERSION:
                raise ValueError(f"unknown snapshot version {doc['version']!r}")
            key = _check_key(GroupKey(doc["tenant"], doc["namespace"], doc["group"]))
            group = Group(
                key,
                str(doc["name"]),
                str(doc["description"]),
                _check_timeout(float(doc["timeout"])),
                epoch=int(doc["epoch"]),
                watermark=_from_iso(doc["watermark"]),
            )
            was_live: set[str] = set()
            for item in doc["sessions"]:
                session = Session(
                    check_id(item["id"], "client session"),
                    str(item["name"]),
                    score=float(item["score"]),
                    heartbeat_time=_from_iso(item["heartbeat_time"]),
                    last_data_time=_from_iso(item["last_data_time"]),
                )
                group.sessions[session.id] = session
                if item["live"]:
                    was_live.add(session.id)
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"corrupt failover group snapshot: {error!r}") from error
        except InvalidArgument as error:
            raise ValueError(f"corrupt failover group snapshot: {error.reason}") from error
        # Roles come from the group's primary/pending so that rule 1 holds whatever the doc says.
        primary, pending = doc.get("primary"), doc.get("pending")
        if primary in group.sessions:
            group.primary = primary
            group.sessions[primary].role = Role.PRIMARY
        elif pending in group.sessions:
            group.pending = pending
            group.sessions[pending].role = Role.PENDING_PRIMARY
        graced = [
            s for s in group.sessions.values() if s.role != Role.SECONDARY or s.id in was_live
        ]
        return group, graced

"""Random heartbeats, clock moves, goodbyes, removals and restarts; invariants after each step."""

import bisect
import random

import pytest

from server.domain.clock import FakeClock
from server.domain.errors import Conflict
from server.domain.failover import (
    RESTORE_EXPIRIES_PER_SECOND,
    FailoverCore,
    GroupEvent,
    GroupKey,
    Role,
)

SESSIONS = ("a", "b", "c", "d")
KEYS = (GroupKey("t", "ns", "g1"), GroupKey("t", "ns", "g2"))
SCORES = (10.0, 20.0, 20.0, 30.0)  # ties are likely on purpose
TIMEOUTS = (1.0, 2.5, 10.0)


class Mirror:
    """Roles as the event stream tells them; must always equal the core's roles."""

    def __init__(self) -> None:
        self.roles: dict[GroupKey, dict[str, Role]] = {}
        self.epochs: dict[GroupKey, int] = {}

    def on_event(self, event: GroupEvent) -> None:
        roles = self.roles.setdefault(event.key, {})
        if event.kind == "deleted":
            assert all(role == Role.SECONDARY for role in roles.values())
            del self.roles[event.key]
            self.epochs.pop(event.key, None)
            return
        for change in event.role_changes:
            # every change carries the epoch; it never goes back and grows only with a Primary
            last = self.epochs.get(event.key, 0)
            if change.role == Role.PRIMARY:
                assert change.epoch == last + 1
            else:
                assert change.epoch == last
            self.epochs[event.key] = change.epoch
            roles[change.session_id] = change.role
            assert sum(role == Role.PRIMARY for role in roles.values()) <= 1
        assert event.urgent == (
            event.kind not in ("heartbeat", "client_lost") or bool(event.role_changes)
        )


def check(core: FailoverCore, mirror: Mirror, epochs: dict[GroupKey, int]) -> None:
    core.expire()  # what the driver's timer does at this moment
    now = core._clock.monotonic()
    for key in KEYS:
        try:
            group = core.get_group(key)
        except Exception:
            continue
        roles = {s.id: s.role for s in group.sessions.values()}
        primaries = [sid for sid, role in roles.items() if role == Role.PRIMARY]
        pendings = [sid for sid, role in roles.items() if role == Role.PENDING_PRIMARY]
        # rule 1
        assert len(primaries) <= 1 and len(pendings) <= 1
        assert not (group.primary and group.pending)
        assert primaries == ([group.primary] if group.primary else [])
        assert pendings == ([group.pending] if group.pending else [])
        # after expire, whoever holds a role is live, and every live session has a deadline
        for session in group.sessions.values():
            live = core.is_live(group, session)
            if session.role != Role.SECONDARY:
                assert live
            if live:
                assert session.timer is not None and session.timer in core._deadlines
                # A restored grace may start up to len(KEYS) / 1000 s late (rule 11).
                assert session.last_seen is not None
                assert session.last_seen <= now + len(KEYS) / RESTORE_EXPIRIES_PER_SECOND
        if group.pending:
            assert group.pending_timer in core._deadlines
        # rule 8: never backwards
        assert group.epoch >= epochs.get(key, 0)
        epochs[key] = group.epoch
        # the event stream told everything
        told = mirror.roles.get(key, {})
        for sid, role in roles.items():
            assert told.get(sid, Role.SECONDARY) == role
        for sid, role in told.items():
            if sid not in roles:
                assert role == Role.SECONDARY
        assert mirror.epochs.get(key, group.epoch) == group.epoch
    # lazy revalidation keeps about one entry per session plus a few per group
    assert core._deadlines.heap_size() <= 3 * len(SESSIONS) * len(KEYS) + 4


def run_to(core: FailoverCore, clock: FakeClock, seconds: float) -> None:
    target = clock.monotonic() + seconds
    while (due := core.next_deadline()) is not None and due <= target:
        clock.advance(max(0.0, due - clock.monotonic()))
        core.expire()
    clock.advance(target - clock.monotonic())


@pytest.mark.parametrize("seed", range(25))
def test_random_operations_keep_the_invariants(seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock()
    mirror = Mirror()
    core = FailoverCore(clock, mirror)
    epochs: dict[GroupKey, int] = {}
    for key in KEYS:
        core.create_group(key, key.group, "", rng.choice(TIMEOUTS))
        for sid in SESSIONS:
            core.add_session(key, sid, sid, exist_ok=True)

    for _ in range(600):
        key = rng.choice(KEYS)
        sid = rng.choice(SESSIONS)
        op = rng.random()
        try:
            group = core.get_group(key)
        except Exception:
            core.create_group(key, key.group, "", rng.choice(TIMEOUTS))
            continue
        if op < 0.55:
            if sid not in group.sessions:
                continue
            result = core.heartbeat(key, sid, rng.choice(SCORES), clock.wall(), clock.wall())
            session = core.get_session(key, sid)
            assert (result.role, result.epoch) == (session.role, group.epoch)
            assert group.primary is not None or group.pending is not None  # rule 3
        elif op < 0.75:
            run_to(core, clock, rng.uniform(0, rng.choice((0.4, 1.2))) * group.timeout)
        elif op < 0.80:
            clock.advance(rng.uniform(0, 1.5) * group.timeout)  # no driver: late heartbeat
        elif op < 0.85:
            if sid in group.sessions:
                core.goodbye(key, sid)
        elif op < 0.89:
            if sid in group.sessions:
                core.remove_session(key, sid)
        elif op < 0.93:
            core.add_session(key, sid, sid, exist_ok=True)
        elif op < 0.96:
            core.put_group(key, group.name, "", rng.choice(TIMEOUTS))
        elif op < 0.99:
            docs = [core.snapshot(k) for k in KEYS if k in core._groups]
            core = FailoverCore(clock, mirror)
            core.restore(docs)
        else:
            try:
                core.delete_group(key)
                epochs.pop(key, None)
            except Conflict:
                assert any(core.is_live(group, s) for s in group.sessions.values())
        check(core, mirror, epochs)


@pytest.mark.parametrize("seed", range(10))
def test_random_scores_hand_over_on_time_and_only_after_a_whole_timeout_higher(seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock()
    handovers: list[tuple[float, GroupEvent]] = []
    promoted_at = [clock.monotonic()]

    class Listener:
        def on_event(self, event: GroupEvent) -> None:
            if event.kind == "demoted":
                handovers.append((clock.monotonic(), event))
            elif event.kind == "primary":
                promoted_at.append(clock.monotonic())
            for change in event.role_changes:  # every push reaches its session
                if change.role == Role.PENDING_PRIMARY:
                    core.told_pending(event.key, change.session_id, change.pending_serial)

    core = FailoverCore(clock, Listener())
    key, timeout = KEYS[0], 4.0
    core.create_group(key, "g", "", timeout)
    scores = {sid: 20.0 for sid in SESSIONS[:3]}
    times: dict[str, list[float]] = {sid: [] for sid in scores}
    values: dict[str, list[float]] = {sid: [] for sid in scores}
    for sid in scores:
        core.add_session(key, sid, sid, exist_ok=False)

    def score_at(sid: str, when: float) -> float:
        return values[sid][bisect.bisect_right(times[sid], when) - 1]

    def higher_throughout(new: str, old: str, start: float, end: float) -> bool:
        """Whether `new` reported a strictly higher score than `old` all through [start, end]."""
        moments = [start]
        for sid in (new, old):
            moments += times[sid][bisect.bisect_left(times[sid], start) :]
        return all(score_at(new, m) > score_at(old, m) for m in moments if m <= end)

    for step in range(3_000):
        sid = SESSIONS[step % 3]
        if rng.random() < 0.08:
            scores[sid] = rng.choice(SCORES)
        run_to(core, clock, timeout / 12)  # everyone stays live: each beats every timeout/4
        now = clock.monotonic()
        primary = core.get_group(key).primary
        start = now - timeout - 0.01
        if primary is not None and promoted_at[-1] <= start and step > 12:
            # on time: nobody has been strictly higher than the Primary for a whole timeout
            for other in scores.keys() - {primary}:
                assert not higher_throughout(other, primary, start, now)
        times[sid].append(now)
        values[sid].append(scores[sid])
        result = core.heartbeat(key, sid, scores[sid], None, None)
        if result.role == Role.PENDING_PRIMARY:  # the answer reaches it
            core.told_pending(key, sid, result.pending_serial)

    assert handovers  # the scores do move enough to hand over now and then
    assert core.get_group(key).epoch == 1 + len(handovers)  # every new Primary: a handover
    for when, event in handovers:
        old, new = event.role_changes[0].session_id, event.role_changes[1].session_id
        # float sums of the fake clock: allow a rounding error at the start of the window
        assert higher_throughout(new, old, when - timeout + 1e-9, when)

"""Overload rules (server/domain/overload.py, failover rule 12) on a fake clock: a server that is
behind does not fail over clients whose heartbeats it has not processed yet, refuses and sheds
streams with a retry delay, and brakes a mass expiry; a client that truly stops still fails over.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from server.domain.clock import FakeClock
from server.domain.failover import FailoverCore, GroupKey, Role
from server.domain.overload import Overload, OverloadSettings
from tests.unit.failover_harness import Harness, Recorder

P, S, PP = Role.PRIMARY, Role.SECONDARY, Role.PENDING_PRIMARY
TIMEOUT = 1.0


def primary_and_secondary(timeout: float = TIMEOUT) -> Harness:
    h = Harness(("a", "b"), timeout=timeout)
    h.hb("a")
    h.hb("a")
    h.hb("b")
    assert h.group.primary == "a"
    h.recorder.take()
    return h


def stall(h: Harness, seconds: float) -> None:
    """The server's loop is stuck for `seconds`: time passes, no heartbeat is processed, and
    the first wake-up afterwards reports how late it was (as the lag watch does)."""
    h.clock.advance(seconds)
    h.core.overload.observe_lag(seconds, h.now)


# ----- rule 0: a session's heartbeats waiting in the server's queues -------------------------


def queued_heartbeats(
    h: Harness, queue: float, sending_until: dict[str, float], pause_at: float | None = None
) -> float | None:
    """Each session heartbeats every 0.25 s by its own clock (heartbeat_time) until its time
    in `sending_until`; the server processes each heartbeat later than it was sent (it waited
    in the server's queues), by half the time since the start, up to `queue` seconds: a queue
    that builds up as a backlog does. With `pause_at`, nothing is processed for the 2 s after
    it (a burst of other work), then everything that waited. Runs until every queued
    heartbeat is processed and one more timeout has passed; answers when `a` stopped being
    Primary (None if it stayed)."""
    sent: list[tuple[float, str, datetime]] = []
    start = next_send = h.now
    last_send = max(sending_until.values())
    lost_at = None
    while sent or next_send < last_send or h.now < last_send + queue + 2 * queue + TIMEOUT:
        for item in [s for s in sent if s[0] <= h.now]:
            sent.remove(item)
            h.core.heartbeat(h.key, item[1], 50.0, item[2], None)
        if next_send <= h.now:
            for session, until in sending_until.items():
                if next_send < until:
                    processed_at = h.now + min(queue, 0.5 * (h.now - start))
                    if pause_at is not None and pause_at <= processed_at < pause_at + 2.0:
                        processed_at = pause_at + 2.0
                    sent.append((processed_at, session, h.clock.wall()))
            next_send += 0.25
        h.run(0.05)
        if lost_at is None and h.group.primary != "a":
            lost_at = h.now
    return lost_at


def with_delay_floors(settings: OverloadSettings | None = None) -> Harness:
    """Primary a and secondary b, each heard once without any queue (their delay floors)."""
    h = primary_and_secondary()
    if settings is not None:
        h.core.overload = Overload(settings)
    for session in ("a", "b"):
        h.core.heartbeat(h.key, session, 50.0, h.clock.wall(), None)
    h.recorder.take()
    return h


def test_a_primary_whose_heartbeats_wait_in_the_servers_queues_is_not_failed_over() -> None:
    h = with_delay_floors()
    stop = h.now + 14.0
    # Heartbeats wait longer and longer before the server reads them, up to 3 timeouts, and
    # then none is read for 2 timeouts; both clients stop at `stop`. Nothing changes while
    # they send.
    lost_at = queued_heartbeats(h, 3.0, {"a": stop, "b": stop}, pause_at=h.now + 10.0)
    assert lost_at is not None and lost_at >= stop + 3.0 + TIMEOUT


def test_without_rule_0_the_same_queue_fails_the_primary_over() -> None:
    h = with_delay_floors(OverloadSettings(max_queued=0.0))
    stop = h.now + 14.0
    lost_at = queued_heartbeats(h, 3.0, {"a": stop, "b": stop}, pause_at=h.now + 10.0)
    assert lost_at is not None and lost_at < stop


def test_a_primary_that_stops_behind_a_queue_fails_over_a_queue_later() -> None:
    h = with_delay_floors()
    stop = h.now + 8.0  # the queue is 3 s long by then
    lost_at = queued_heartbeats(h, 3.0, {"a": stop, "b": stop + 20.0})
    # Its last heartbeat (sent at most 0.25 s before `stop`) is read 3 s after it was sent,
    # and counts for one timeout plus the 3 s it waited: the extra delay is the queue's.
    expected = stop + 3.0 + TIMEOUT + 3.0
    assert lost_at is not None and expected - 0.35 <= lost_at <= expected + 0.1


def test_a_client_clock_that_does_not_advance_gives_no_allowance() -> None:
    h = with_delay_floors()
    frozen = h.clock.wall()
    h.clock.advance(0.5)
    h.core.heartbeat(h.key, "a", 50.0, frozen, None)
    assert h.group.sessions["a"].queued == 0.0


# ----- rule 1: how far behind the server is (the least queueing delay) ----------------------


def four_sessions() -> Harness:
    """Primary a and secondaries b, c, d, each heard without any queue (their delay floors)."""
    h = Harness(("a", "b", "c", "d"), timeout=TIMEOUT)
    h.hb("a")
    h.hb("a")
    for session in ("b", "c", "d"):
        h.hb(session)
    assert h.group.primary == "a"
    h.recorder.take()
    return h


def heard_late(h: Harness, waits: dict[str, float], seconds: float, step: float = 0.25) -> None:
    """For `seconds`, every `step`: each session of `waits` has a heartbeat processed that
    waited its time in `waits` (sent that long before); the loop itself keeps up (lag 0)."""
    end = h.now + seconds - 1e-9
    while h.now < end:
        h.run(step)
        h.core.overload.observe_lag(0.0, h.now)
        for session, waited in waits.items():
            sent = h.clock.wall() - timedelta(seconds=waited)
            h.core.heartbeat(h.key, session, 50.0, sent, None)


def test_a_queue_in_the_transport_makes_the_server_behind_while_its_loop_keeps_up() -> None:
    """The bench's bad runs: the loop woke up on time while heartbeats waited in grpc's and
    the kernel's queues. Every deadline waits then (rule 1a), including a Primary whose own
    heartbeats are the ones still stuck, and new streams are refused (rule 1b)."""
    h = four_sessions()
    heard_late(h, {"b": 0.6, "c": 0.6, "d": 0.6}, 3.0)  # a's heartbeats: none get through
    assert h.group.primary == "a"
    delay = h.core.overload.admit_stream(10, h.now)
    assert delay is not None and delay >= 2 * 0.6
    heard_late(h, {"a": 0.6, "b": 0.6, "c": 0.6, "d": 0.6}, 1.0)  # a's queued ones arrive
    assert h.group.primary == "a" and h.recorder.take_changes() == []


def test_one_slow_client_does_not_make_the_server_behind() -> None:
    """Its heartbeats wait (its network, its clock) while the others' do not: the least delay
    is theirs. The Primary that stops then fails over at its own deadline, not later."""
    h = four_sessions()
    heard_late(h, {"a": 0.0, "b": 0.0, "c": 0.0, "d": 2.0}, 2.0)
    assert h.core.overload.admit_stream(10, h.now) is None
    last_seen = h.now
    lost_at = None
    for _ in range(8):  # a stops; only d is heard: alone, it says nothing of the server
        heard_late(h, {"d": 2.0}, 0.25)
        if lost_at is None and h.group.primary != "a":
            lost_at = h.now
    assert h.core.overload.admit_stream(10, h.now) is None
    assert h.core.overload.behind_until == -math.inf
    assert lost_at is not None and lost_at <= last_seen + TIMEOUT + 0.25


def test_a_primary_that_truly_stops_fails_over_within_the_bound_while_the_queue_stays() -> None:
    h = four_sessions()
    # Everyone else's heartbeats wait 0.6 s, all the time.
    stops_while_behind(h, lambda: heard_late(h, {"b": 0.6, "c": 0.6, "d": 0.6}, 0.25))


def test_shedding_stops_and_streams_are_admitted_once_the_delay_is_under_target() -> None:
    overload = Overload()
    now = 100.0
    for _ in range(6):  # 1.5 s of heartbeats that waited 0.5 s
        for session in range(3):
            overload.heard(session, 0.5, now)
        overload.observe_lag(0.0, now)
        now += 0.25
    assert overload.streams_to_shed(1000, now) == 100
    assert overload.admit_stream(900, now) is not None
    for _ in range(3):  # the queue has drained
        for session in range(3):
            overload.heard(session, 0.05, now)
        overload.observe_lag(0.0, now)
        now += 0.25
    assert overload.streams_to_shed(900, now + 1.0) == 0
    assert overload.admit_stream(900, now) is None


def test_a_client_clock_stepped_back_is_forgotten() -> None:
    h = with_delay_floors()
    session = h.group.sessions["a"]
    offset = 5.0  # its clock steps 5 s back: every heartbeat looks 5 s old
    for _ in range(1500):
        h.clock.advance(0.01)
        sent = h.clock.wall() - timedelta(seconds=offset)
        h.core.heartbeat(h.key, "a", 50.0, sent, None)
    assert session.queued < 0.05


# ----- rule 1a: deadlines refreshed after the server was behind -----------------------------


def test_a_primary_whose_heartbeats_queued_during_a_stall_is_not_failed_over() -> None:
    h = primary_and_secondary()
    # The loop stalls for 3 timeouts: both clients heartbeat on schedule, but nothing is read.
    # (The deadline timer runs first after the stall: it must not act on stale deadlines.)
    h.core.overload.observe_lag(3.0, h.now + 3.0)
    h.clock.advance(3.0)
    h.core.expire()
    assert h.group.primary == "a"
    # The queued heartbeats are processed now; the roles are unchanged.
    h.hb("a")
    h.hb("b")
    assert h.group.primary == "a" and h.recorder.take_changes() == []
    assert h.core.overload.deferred >= 1


def test_without_the_rule_the_same_stall_fails_the_primary_over() -> None:
    """What rule 12 prevents: the core that is never told of the stall blames the client."""
    h = primary_and_secondary()
    h.clock.advance(3.0)
    h.core.expire()
    assert h.group.primary is None and h.group.pending is None  # both lost, nobody live


def test_deadlines_count_again_one_timeout_after_the_server_kept_up() -> None:
    h = primary_and_secondary()
    last_seen = h.now
    stall(h, 0.5)
    behind_at = h.now
    # The Primary stops for good after the stall; the secondary keeps heartbeating.
    for _ in range(3):
        h.clock.advance(0.3)
        h.core.overload.observe_lag(0.0, h.now)
        h.hb("b")
    # Its own deadline (last_seen + 1 s) has passed, but the server was behind within it.
    assert h.now > last_seen + TIMEOUT
    assert h.group.primary == "a"
    h.run(behind_at + TIMEOUT - h.now + 0.01)
    assert h.group.pending == "b"  # it failed over: one timeout after the server kept up


def stops_while_behind(h: Harness, behind_for_a_step: Callable[[], None]) -> None:
    """Primary a stops while the server stays behind (each call of `behind_for_a_step` is a
    quarter second of it, in which the others are heard): a fails over, bounded, at most
    max(timeout, max_deferral) after its own deadline."""
    h.core.overload = Overload(OverloadSettings(max_deferral=5.0))
    last_seen = h.now
    lost_at = None
    for _ in range(100):
        behind_for_a_step()
        if h.group.primary != "a":
            lost_at = h.now
            break
    assert lost_at is not None
    assert last_seen + TIMEOUT + 5.0 - 0.25 <= lost_at <= last_seen + TIMEOUT + 5.0 + 0.25


def test_a_primary_that_truly_stops_fails_over_even_while_the_server_stays_behind() -> None:
    h = primary_and_secondary()

    def late_loop() -> None:  # the loop is late all the time; the secondary is still heard
        h.clock.advance(0.25)
        h.core.overload.observe_lag(0.5, h.now)
        h.hb("b")

    stops_while_behind(h, late_loop)


def test_a_pending_primary_acknowledgement_is_not_lost_to_a_stall() -> None:
    h = Harness(("a",), timeout=TIMEOUT)
    assert h.hb("a").role == PP
    h.core.overload.observe_lag(2.0, h.now + 2.0)
    h.clock.advance(2.0)
    h.core.expire()
    assert h.group.pending == "a"
    assert h.hb("a").role == P  # its queued acknowledgement


def test_a_short_lag_under_the_threshold_changes_nothing() -> None:
    h = primary_and_secondary()
    h.core.overload.observe_lag(0.05, h.now)
    h.clock.advance(TIMEOUT + 0.01)
    h.core.expire()
    assert h.group.primary is None


# ----- rules 1b and 1c: admission control and shedding ------------------------------------


def test_streams_are_refused_while_behind_and_admitted_once_the_server_keeps_up() -> None:
    overload = Overload()
    assert overload.admit_stream(10, 100.0) is None
    overload.observe_lag(0.1, 100.0)  # a late wake-up under the target: keeping up
    assert overload.admit_stream(10, 100.05) is None
    overload.observe_lag(1.5, 101.5)
    delay = overload.admit_stream(10, 101.55)
    assert delay is not None and delay >= 2 * 1.5
    overload.observe_lag(0.0, 102.1)
    assert overload.admit_stream(10, 102.1) is None
    assert overload.refused_streams == 1


def test_a_fixed_stream_cap_refuses_with_the_configured_delay() -> None:
    overload = Overload(OverloadSettings(max_streams=3, retry_delay=1.5))
    assert overload.admit_stream(2, 1.0) is None
    assert overload.admit_stream(3, 1.0) == 1.5


def test_retry_delay_is_bounded() -> None:
    overload = Overload()
    overload.observe_lag(100.0, 1.0)
    assert overload.retry_delay() == overload.settings.max_retry_delay


def test_streams_are_shed_only_after_being_behind_without_a_break() -> None:
    overload = Overload(OverloadSettings(shed_after=1.0, shed_interval=1.0, shed_fraction=0.1))
    overload.observe_lag(0.6, 10.0)  # overloaded since 9.4
    assert overload.streams_to_shed(1000, 10.0) == 0
    overload.observe_lag(0.6, 10.5)
    assert overload.streams_to_shed(1000, 10.8) == 100
    assert overload.streams_to_shed(1000, 11.0) == 0  # not again within the interval
    assert overload.streams_to_shed(900, 11.8) == 90
    overload.observe_lag(0.01, 12.0)  # keeping up: the clock of rule 2 starts again
    overload.observe_lag(0.6, 12.6)
    assert overload.streams_to_shed(900, 12.9) == 0


# ----- rule 2: the mass-expiry brake -------------------------------------------------------


def fleet(groups: int, timeout: float = TIMEOUT) -> tuple[FailoverCore, FakeClock, Recorder]:
    clock = FakeClock()
    recorder = Recorder()
    core = FailoverCore(clock, recorder)
    recorder.core = core
    for i in range(groups):
        key = GroupKey("t", "ns", f"g{i}")
        core.create_group(key, "G", "", timeout)
        for session in ("a", "b"):
            core.add_session(key, session, session, exist_ok=False)
    return core, clock, recorder


def beat_all(core: FailoverCore, groups: int, sessions: tuple[str, ...]) -> None:
    for i in range(groups):
        key = GroupKey("t", "ns", f"g{i}")
        for session in sessions:
            result = core.heartbeat(key, session, 50.0, None, None)
            core.told_pending(key, session, result.pending_serial)


def primaries(core: FailoverCore, groups: int) -> list[str | None]:
    return [core.get_group(GroupKey("t", "ns", f"g{i}")).primary for i in range(groups)]


def silent_primaries_then_secondaries(groups: int) -> tuple[FailoverCore, FakeClock]:
    """Every group has Primary a; the secondaries b heartbeated 0.5 s after the Primaries."""
    core, clock, _ = fleet(groups)
    beat_all(core, groups, ("a",))
    beat_all(core, groups, ("a",))
    clock.advance(0.5)
    beat_all(core, groups, ("b",))
    assert primaries(core, groups) == ["a"] * groups
    return core, clock


def let_the_primaries_deadlines_pass(core: FailoverCore, clock: FakeClock) -> None:
    """Nobody is heard from again until every Primary's deadline has passed; the secondaries
    still count as live (they heartbeated half a timeout later)."""
    clock.advance(TIMEOUT - 0.5 + 0.01)
    core.expire()


def test_when_every_client_goes_silent_the_brake_keeps_every_primary() -> None:
    groups = 200
    core, clock = silent_primaries_then_secondaries(groups)
    # The server has heard no one for half a timeout: a disruption.
    let_the_primaries_deadlines_pass(core, clock)
    assert core.overload.brakes == 1
    assert primaries(core, groups) == ["a"] * groups
    # The disruption ends: everyone heartbeats again and nothing changed.
    clock.advance(0.3)
    beat_all(core, groups, ("a", "b"))
    assert primaries(core, groups) == ["a"] * groups


def test_without_the_brake_the_same_silence_fails_every_primary_over() -> None:
    """What the brake prevents: each Primary handed to a secondary that is just as silent."""
    groups = 200
    core, clock = silent_primaries_then_secondaries(groups)
    core.overload = Overload(OverloadSettings(brake_min_sessions=10**9))
    let_the_primaries_deadlines_pass(core, clock)
    assert primaries(core, groups) == [None] * groups  # b is PendingPrimary in every group


def test_a_braked_primary_that_does_not_come_back_fails_over_later() -> None:
    groups = 200
    core, clock = silent_primaries_then_secondaries(groups)
    let_the_primaries_deadlines_pass(core, clock)
    assert core.overload.brakes == 1
    braked_at = clock.monotonic()
    for _ in range(8):  # only the secondaries come back
        clock.advance(0.25)
        beat_all(core, groups, ("b",))
    assert clock.monotonic() >= braked_at + TIMEOUT
    assert all(p != "a" for p in primaries(core, groups))


def test_primaries_failing_while_their_secondaries_heartbeat_fail_over_at_once() -> None:
    """A rack of Primaries lost: a mass failover, but not a silence; no brake."""
    groups = 200
    core, clock, _ = fleet(groups)
    beat_all(core, groups, ("a", "b"))
    beat_all(core, groups, ("a",))
    for _ in range(5):
        clock.advance(0.25)
        beat_all(core, groups, ("b",))
    assert core.overload.brakes == 0
    assert primaries(core, groups) == ["b"] * groups


def test_a_small_server_never_brakes() -> None:
    h = primary_and_secondary()
    h.clock.advance(0.5)
    h.hb("b")
    h.clock.advance(0.51)
    h.core.expire()
    assert h.group.pending == "b"
    assert h.core.overload.brakes == 0


@pytest.mark.parametrize("lag", [0.0, 0.149])
def test_keeping_up_never_defers(lag: float) -> None:
    overload = Overload()
    overload.observe_lag(lag, 5.0)
    assert overload.deferred_deadline(5.0, 1.0, 5.0) is None

"""Failover rules 1-6, 8-10 and the group/session operations, on a fake clock."""

import math
from collections.abc import Callable
from datetime import datetime

import pytest

from server.domain.clock import FakeClock
from server.domain.errors import AlreadyExists, Conflict, DomainError, InvalidArgument, NotFound
from server.domain.failover import FailoverCore, GroupKey, Role, RoleChange
from tests.unit.failover_harness import KEY, TIMEOUT, Harness, Recorder, data_time

P, S, PP = Role.PRIMARY, Role.SECONDARY, Role.PENDING_PRIMARY


def reason(error: pytest.ExceptionInfo[DomainError]) -> str:
    return error.value.reason


# ----- groups ------------------------------------------------------------------------------


def test_create_get_and_list_groups_in_id_order() -> None:
    core = FailoverCore(FakeClock())
    for name in ("zeta", "alpha", "mid"):
        core.create_group(GroupKey("t", "ns", name), name.title(), "", 10.0)
    core.create_group(GroupKey("t", "other", "x"), "X", "", 10.0)
    assert [g.key.group for g in core.list_groups("t", "ns")] == ["alpha", "mid", "zeta"]
    assert core.list_groups("t", "empty") == []
    group = core.get_group(GroupKey("t", "ns", "alpha"))
    assert (group.name, group.timeout, group.epoch, group.primary) == ("Alpha", 10.0, 0, None)


def test_create_existing_group_is_refused() -> None:
    core = FailoverCore(FakeClock())
    core.create_group(KEY, "G", "", 10.0)
    with pytest.raises(AlreadyExists) as caught:
        core.create_group(KEY, "G2", "", 20.0)
    assert reason(caught) == "GROUP_EXISTS"
    assert core.get_group(KEY).name == "G"


@pytest.mark.parametrize("timeout", [0.0, -1.0, math.nan, math.inf])
def test_timeout_must_be_positive(timeout: float) -> None:
    core = FailoverCore(FakeClock())
    with pytest.raises(InvalidArgument) as caught:
        core.create_group(KEY, "G", "", timeout)
    assert reason(caught) == "INVALID_FAILOVER_TIMEOUT"
    with pytest.raises(InvalidArgument):
        core.put_group(KEY, "G", "", timeout)
    assert core.list_groups(KEY.tenant, KEY.namespace) == []


def test_put_group_creates_then_updates_keeping_sessions_and_roles() -> None:
    recorder = Recorder()
    core = FailoverCore(FakeClock(), recorder)
    group, created = core.put_group(KEY, "G", "first", 30.0)
    assert created
    core.add_session(KEY, "a", "A", exist_ok=False)
    core.told_pending(KEY, "a", core.heartbeat(KEY, "a", 1.0, None, None).pending_serial)
    core.heartbeat(KEY, "a", 1.0, None, None)
    recorder.take()
    same, created = core.put_group(KEY, "G2", "second", 30.0)
    assert same is group and not created
    assert (group.name, group.description, group.epoch, group.primary) == ("G2", "second", 1, "a")
    assert [(e.kind, e.urgent) for e in recorder.take()] == [("updated", True)]
    core.put_group(KEY, "G2", "second", 30.0)
    assert recorder.take() == []  # nothing changed, nothing to tell


def test_shorter_timeout_applies_to_the_current_deadline() -> None:
    h = Harness(("a",))
    h.primary("a")
    h.run(10)
    h.core.put_group(KEY, "G", "", 20.0)
    assert h.core.next_deadline() == pytest.approx(h.now + 10)
    h.run(9.9)
    assert h.group.primary == "a"
    h.run(0.1)
    assert h.group.primary is None


def test_shorter_timeout_that_is_already_past_fails_over_at_once() -> None:
    h = Harness(("a", "b"))
    h.hb("a")
    h.hb("b")
    h.run(10)
    h.hb("b")
    h.recorder.take()
    h.core.put_group(KEY, "G", "", 5.0)
    assert h.roles() == {"a": S, "b": PP}
    assert [e.kind for e in h.recorder.take()] == ["updated", "pending_primary"]


def test_longer_timeout_postpones_the_deadline() -> None:
    h = Harness(("a",))
    h.primary("a")
    h.run(10)
    h.core.put_group(KEY, "G", "", 60.0)
    h.run(49.9)
    assert h.group.primary == "a"
    h.run(0.1)
    assert h.group.primary is None


def test_delete_group_with_a_live_client_is_a_conflict() -> None:
    h = Harness(("a", "b"))
    h.primary("b")
    with pytest.raises(Conflict) as caught:
        h.core.delete_group(KEY)
    assert reason(caught) == "GROUP_HAS_LIVE_CLIENTS"
    assert h.core.get_group(KEY).primary == "b"


def test_delete_group_once_its_clients_are_gone() -> None:
    h = Harness(("a", "b"))
    h.hb("a")
    h.run(TIMEOUT)
    h.recorder.take()
    h.core.delete_group(KEY)
    assert [(e.kind, e.urgent) for e in h.recorder.take()] == [("deleted", True)]
    with pytest.raises(NotFound) as caught:
        h.core.get_group(KEY)
    assert reason(caught) == "GROUP_NOT_FOUND"
    assert h.core.list_groups(KEY.tenant, KEY.namespace) == []
    assert h.core.next_deadline() is None  # its stale heap entries are dropped


def test_deleted_group_leaves_no_timer_behind() -> None:
    h = Harness(("a",))
    h.core.delete_group(KEY)  # never heartbeated: not live
    h.core.create_group(KEY, "G", "", TIMEOUT)
    assert h.core.next_deadline() is None


# ----- ids and not found -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "expected"),
    [("", "MISSING_ID"), ("a/b", "INVALID_ID"), ("x" * 257, "ID_TOO_LONG"), ("a\nb", "INVALID_ID")],
)
def test_ids_are_validated_everywhere(bad: str, expected: str) -> None:
    h = Harness(("a",))
    calls: list[Callable[[], object]] = [
        lambda: h.core.create_group(GroupKey(bad, "ns", "g"), "G", "", 1.0),
        lambda: h.core.create_group(GroupKey("t", bad, "g"), "G", "", 1.0),
        lambda: h.core.put_group(GroupKey("t", "ns", bad), "G", "", 1.0),
        lambda: h.core.get_group(GroupKey("t", "ns", bad)),
        lambda: h.core.delete_group(GroupKey(bad, "ns", "g")),
        lambda: h.core.list_groups(bad, "ns"),
        lambda: h.core.list_groups("t", bad),
        lambda: h.core.add_session(KEY, bad, "name", exist_ok=True),
        lambda: h.core.get_session(KEY, bad),
        lambda: h.core.remove_session(KEY, bad),
        lambda: h.core.heartbeat(KEY, bad, 1.0, None, None),
        lambda: h.core.heartbeat(GroupKey("t", bad, "g"), "a", 1.0, None, None),
        lambda: h.core.goodbye(KEY, bad),
        lambda: h.core.snapshot(GroupKey("t", "ns", bad)),
    ]
    for call in calls:
        with pytest.raises(InvalidArgument) as caught:
            call()
        assert reason(caught) == expected
    assert [s.id for s in h.core.list_sessions(KEY)] == ["a"]


def test_the_longest_valid_id_is_accepted() -> None:
    h = Harness(())
    session, created = h.core.add_session(KEY, "x" * 256, "long", exist_ok=False)
    assert created and session.id == "x" * 256


def test_unknown_group_and_session_are_not_found() -> None:
    h = Harness(("a",))
    other = GroupKey("tenant", "namespace", "nope")
    group_calls: list[Callable[[], object]] = [
        lambda: h.core.get_group(other),
        lambda: h.core.delete_group(other),
        lambda: h.core.add_session(other, "a", "A", exist_ok=True),
        lambda: h.core.list_sessions(other),
        lambda: h.core.heartbeat(other, "a", 1.0, None, None),
        lambda: h.core.goodbye(other, "a"),
        lambda: h.core.remove_session(other, "a"),
    ]
    for call in group_calls:
        with pytest.raises(NotFound) as caught:
            call()
        assert reason(caught) == "GROUP_NOT_FOUND"
    session_calls: list[Callable[[], object]] = [
        lambda: h.core.get_session(KEY, "zz"),
        lambda: h.core.heartbeat(KEY, "zz", 1.0, None, None),
        lambda: h.core.goodbye(KEY, "zz"),
        lambda: h.core.remove_session(KEY, "zz"),
    ]
    for call in session_calls:
        with pytest.raises(NotFound) as caught:
            call()
        assert reason(caught) == "SESSION_NOT_FOUND"


def test_bad_heartbeat_values_are_refused_without_a_change() -> None:
    h = Harness(("a",))
    for score in (math.nan, math.inf, -math.inf):
        with pytest.raises(InvalidArgument) as caught:
            h.hb("a", score)
        assert reason(caught) == "INVALID_FAILOVER_STATUS"
    with pytest.raises(InvalidArgument) as caught:
        h.core.heartbeat(KEY, "a", 1.0, datetime(2024, 1, 1), None)
    assert reason(caught) == "INVALID_TIMESTAMP"
    with pytest.raises(InvalidArgument) as caught:
        h.core.heartbeat(KEY, "a", 1.0, None, datetime(2024, 1, 1))
    assert reason(caught) == "INVALID_TIMESTAMP"
    assert h.group.primary is None and h.core.get_session(KEY, "a").last_seen is None


# ----- sessions ----------------------------------------------------------------------------


def test_add_session_refuses_a_taken_id_unless_exist_ok_which_renames() -> None:
    h = Harness(("a",))
    with pytest.raises(AlreadyExists) as caught:
        h.core.add_session(KEY, "a", "other", exist_ok=False)
    assert reason(caught) == "SESSION_EXISTS"
    session, created = h.core.add_session(KEY, "a", "Renamed", exist_ok=True)
    assert not created and session.name == "Renamed"
    assert [(e.kind, e.urgent) for e in h.recorder.take()] == [("updated", True)]
    session, created = h.core.add_session(KEY, "b", "B", exist_ok=True)
    assert created and [s.id for s in h.core.list_sessions(KEY)] == ["a", "b"]
    assert [(e.kind, e.urgent) for e in h.recorder.take()] == [("session_added", True)]


def test_a_registered_session_is_not_live_before_its_first_heartbeat() -> None:
    h = Harness(("a", "b"))
    assert h.roles() == {"a": S, "b": S}
    assert not h.core.is_live(h.group, h.core.get_session(KEY, "a"))
    assert h.core.next_deadline() is None


def test_remove_secondary() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.recorder.take()
    h.core.remove_session(KEY, "b")
    assert h.roles() == {"a": P}
    assert [(e.kind, e.role_changes, e.urgent) for e in h.recorder.take()] == [
        ("session_removed", (), True)
    ]


# ----- rules 2 and 3: liveness, alone means Primary ------------------------------------------


def test_a_client_alone_is_pending_primary_then_primary_on_its_next_heartbeat() -> None:
    h = Harness(("a",))
    result = h.core.heartbeat(KEY, "a", 10.0, h.clock.wall(), data_time(5))
    assert (result.role, result.epoch, result.watermark) == (PP, 0, None)
    [event] = h.recorder.take()
    assert (event.kind, event.urgent) == ("pending_primary", True)
    assert event.role_changes == (RoleChange("a", PP, 0, None, TIMEOUT),)
    h.core.told_pending(KEY, "a", result.pending_serial)
    result = h.hb("a", 10.0, data_time(5))
    assert (result.role, result.epoch, result.watermark, result.timeout) == (
        P,
        1,
        data_time(5),
        TIMEOUT,
    )
    [event] = h.recorder.take()
    assert (event.kind, event.urgent) == ("primary", True)
    assert event.role_changes == (RoleChange("a", P, 1, data_time(5), TIMEOUT),)


def test_a_pending_primary_heartbeat_before_it_was_told_is_no_acknowledgement() -> None:
    """A REST poller whose first answer says PendingPrimary must get that answer before a
    heartbeat of it counts as its acknowledgement (rule 4)."""
    h = Harness(("a",))
    h.recorder.core = None  # no stream: only what this test tells reaches the client
    first = h.core.heartbeat(KEY, "a", 10.0, h.clock.wall(), None)
    assert first.role == PP
    assert h.core.heartbeat(KEY, "a", 10.0, h.clock.wall(), None).role == PP  # not told yet
    h.core.told_pending(KEY, "a", first.pending_serial + 1000)  # another choice: ignored
    assert h.core.heartbeat(KEY, "a", 10.0, h.clock.wall(), None).role == PP
    h.core.told_pending(KEY, "a", first.pending_serial)
    assert h.core.heartbeat(KEY, "a", 10.0, h.clock.wall(), None).role == P


def test_second_client_is_secondary_and_told_the_primarys_data_time() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 10.0, data_time(5))
    result = h.hb("b", 99.0, data_time(1))
    assert (result.role, result.epoch, result.watermark) == (S, 1, data_time(5))
    assert h.roles() == {"a": P, "b": S}
    *_, event = h.recorder.take()
    assert (event.kind, event.role_changes, event.urgent) == ("heartbeat", (), False)


def test_a_client_is_live_until_exactly_one_timeout_after_its_last_heartbeat() -> None:
    h = Harness(("a",))
    h.primary("a")
    session = h.core.get_session(KEY, "a")
    h.run(TIMEOUT - 0.001)
    assert h.core.is_live(h.group, session) and h.group.primary == "a"
    h.run(0.001)
    assert not h.core.is_live(h.group, session) and h.group.primary is None


def test_primary_that_keeps_heartbeating_stays_primary() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.recorder.take()
    h.keep_alive({"a": 50.0, "b": 50.0}, 10 * TIMEOUT, step=TIMEOUT / 3)
    assert h.roles() == {"a": P, "b": S} and h.group.epoch == 1
    assert h.recorder.take_changes() == []


def test_secondary_missing_its_deadline_is_reported_not_urgent() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.recorder.take()
    h.keep_alive({"a": 50.0}, TIMEOUT, step=10.0)
    assert h.roles() == {"a": P, "b": S}
    [event] = h.recorder.take_changes()
    assert (event.kind, event.role_changes, event.urgent) == ("client_lost", (), False)


# ----- rules 4-6: failover ------------------------------------------------------------------


def test_primary_misses_deadline_then_best_secondary_is_pending_then_primary() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(100))
    h.hb("b", 40.0, data_time(7))
    h.recorder.take()
    h.run(10)
    h.hb("b", 40.0, data_time(8))
    h.run(TIMEOUT - 10 - 0.001)
    assert h.roles() == {"a": P, "b": S}
    h.recorder.take()
    h.run(0.001)  # a's deadline: exactly one timeout after its last heartbeat
    assert h.roles() == {"a": S, "b": PP}
    assert (h.group.primary, h.group.pending, h.group.watermark) == (None, "b", data_time(100))
    [event] = h.recorder.take()
    assert (event.kind, event.urgent) == ("pending_primary", True)
    assert event.role_changes == (
        RoleChange("a", S, 1, data_time(100), TIMEOUT),
        RoleChange("b", PP, 1, data_time(100), TIMEOUT),
    )

    result = h.hb("b", 40.0, data_time(9))  # the acknowledgement
    assert (result.role, result.epoch) == (P, 2)
    assert h.roles() == {"a": S, "b": P}
    [event] = h.recorder.take()
    assert event.kind == "primary" and event.role_changes[0].role == P
    assert event.role_changes[0].epoch == 2


def test_pending_primary_heartbeat_answer_carries_the_watermark() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0, data_time(100))
    h.run(10)
    h.hb("b", 40.0)
    h.hb("c", 30.0)
    h.run(TIMEOUT - 10)
    assert h.group.pending == "b"
    result = h.hb("c", 30.0)
    assert (result.role, result.watermark, result.epoch) == (S, data_time(100), 1)


def test_best_is_highest_score_then_most_recent_heartbeat_and_only_live() -> None:
    h = Harness(("a", "low", "high_old", "high_new", "dead"))
    h.hb("a", 1.0)
    h.hb("dead", 1_000.0)
    h.run(5)
    h.hb("high_old", 90.0)
    h.hb("low", 10.0)
    h.run(5)
    h.hb("high_new", 90.0)
    h.run(TIMEOUT - 10)  # a and dead expire together; dead was never a candidate
    assert h.group.pending == "high_new"
    assert h.roles()["dead"] == S


def test_pending_that_never_acknowledges_is_replaced_by_the_next_best() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0, data_time(100))
    h.run(10)
    h.hb("b", 90.0)
    h.hb("c", 10.0)
    h.run(TIMEOUT - 10)  # a expires: b, the best, is chosen
    assert h.group.pending == "b"
    chosen_at = h.now
    h.recorder.take()
    h.keep_alive({"c": 10.0}, 5.0, step=5.0)  # b never acknowledges
    h.recorder.take()
    b_deadline = chosen_at - (TIMEOUT - 10) + TIMEOUT  # b was last seen at 10
    h.run(b_deadline - h.now - 0.001)
    assert h.group.pending == "b"
    h.run(0.001)  # not live any more, so it cannot acknowledge: the next best is chosen
    assert h.roles() == {"a": S, "b": S, "c": PP}
    [event] = h.recorder.take()
    assert event.kind == "pending_primary"
    assert event.role_changes == (
        RoleChange("b", S, 1, data_time(100), TIMEOUT),
        RoleChange("c", PP, 1, data_time(100), TIMEOUT),
    )
    assert h.hb("c", 10.0).role == P and h.group.epoch == 2


def test_pending_is_given_one_timeout_from_being_chosen_to_acknowledge() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0)
    h.hb("b", 90.0)
    h.hb("c", 10.0)
    h.core.goodbye(KEY, "a")
    assert h.group.pending == "b" and h.group.pending_since == h.now
    assert h.core.next_deadline() == pytest.approx(h.now + TIMEOUT)
    h.keep_alive({"c": 10.0}, TIMEOUT, step=10.0)
    assert h.roles() == {"a": S, "b": S, "c": P}


def test_pending_that_says_goodbye_is_replaced_at_once() -> None:
    h = Harness(("a", "b", "c"))
    h.hb("a", 50.0)
    h.hb("b", 90.0)
    h.hb("c", 10.0)
    h.core.goodbye(KEY, "a")
    assert h.group.pending == "b"
    h.recorder.take()
    h.core.goodbye(KEY, "b")
    assert h.roles() == {"a": S, "b": S, "c": PP}
    [event] = h.recorder.take()
    assert event.kind == "pending_primary" and event.urgent
    assert [(c.session_id, c.role) for c in event.role_changes] == [("b", S), ("c", PP)]


def test_pending_that_is_removed_is_replaced_at_once() -> None:
    h = Harness(("a", "b", "c"))
    h.hb("a", 50.0)
    h.hb("b", 90.0)
    h.hb("c", 10.0)
    h.core.remove_session(KEY, "a")
    assert h.group.pending == "b"
    h.core.remove_session(KEY, "b")
    assert h.roles() == {"c": PP}


def test_no_candidate_means_no_primary_then_a_returning_client_is_primary() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(3))
    h.hb("b", 60.0)
    h.recorder.take()
    for _ in range(4):  # b is lost after one timeout, a stays
        h.run(10)
        h.hb("a", 50.0, data_time(3))
    h.recorder.take()
    h.run(TIMEOUT)
    assert (h.group.primary, h.group.pending) == (None, None)
    [event] = h.recorder.take()
    assert event.kind == "primary_lost" and event.urgent
    assert event.role_changes == (RoleChange("a", S, 1, data_time(3), TIMEOUT),)
    assert h.group.watermark == data_time(3)

    h.run(100)
    result = h.hb("b", 1.0)
    assert (result.role, result.epoch, result.watermark) == (PP, 1, data_time(3))
    result = h.hb("b", 1.0)
    assert (result.role, result.epoch, result.watermark) == (P, 2, data_time(3))
    assert h.hb("a", 99.0).role == S


def test_pending_lost_with_no_other_candidate_means_no_primary() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.core.goodbye(KEY, "a")
    assert h.group.pending == "b"
    h.recorder.take()
    h.run(TIMEOUT)
    group = h.core.get_group(KEY)
    assert h.roles() == {"a": S, "b": S} and (group.primary, group.pending) == (None, None)
    [event] = h.recorder.take()
    assert event.kind == "primary_lost"
    assert event.role_changes == (RoleChange("b", S, 1, None, TIMEOUT),)


def test_removing_the_primary_fails_over_at_once() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(42))
    h.hb("b")
    h.recorder.take()
    h.core.remove_session(KEY, "a")
    assert h.roles() == {"b": PP} and h.group.watermark == data_time(42)
    [event] = h.recorder.take()
    assert (event.kind, event.urgent) == ("pending_primary", True)
    assert event.role_changes == (
        RoleChange("a", S, 1, data_time(42), TIMEOUT),
        RoleChange("b", PP, 1, data_time(42), TIMEOUT),
    )
    assert h.hb("b").role == P and h.group.epoch == 2


def test_removing_the_only_primary_leaves_no_primary() -> None:
    h = Harness(("a",))
    h.hb("a")
    h.recorder.take()
    h.core.remove_session(KEY, "a")
    [event] = h.recorder.take()
    assert event.kind == "primary_lost" and h.group.sessions == {}
    assert h.core.next_deadline() is None


def test_goodbye_of_the_primary_fails_over_at_once_and_keeps_its_registration() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(42))
    h.hb("b")
    h.recorder.take()
    h.core.goodbye(KEY, "a")
    assert h.roles() == {"a": S, "b": PP}
    session = h.core.get_session(KEY, "a")
    assert not h.core.is_live(h.group, session)
    [event] = h.recorder.take()
    assert event.kind == "pending_primary" and len(event.role_changes) == 2
    assert h.hb("b").role == P
    assert h.hb("a").role == S  # coming back after a goodbye is an ordinary heartbeat


def test_goodbye_of_a_secondary_and_of_a_gone_client() -> None:
    h = Harness(("a", "b"))
    h.hb("a")
    h.hb("b")
    h.recorder.take()
    h.core.goodbye(KEY, "b")
    assert [(e.kind, e.urgent) for e in h.recorder.take()] == [("client_lost", False)]
    h.core.goodbye(KEY, "b")
    assert h.recorder.take() == []
    with pytest.raises(Conflict):
        h.core.delete_group(KEY)  # a is still live


def test_heartbeat_after_a_missed_deadline_counts_the_deadline_first() -> None:
    """No driver ran expire(): the heartbeat itself acts on the due deadline first."""
    h = Harness(("a", "b"))
    h.hb("a")
    h.hb("b")
    h.clock.advance(TIMEOUT - 1)
    h.hb("b")
    h.clock.advance(1)
    result = h.hb("a")  # too late: a failed over at its deadline, b was chosen
    assert result.role == S and h.group.pending == "b"


def test_elects_a_pending_when_several_are_live_and_none_leads() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 10.0)
    for session_id, score in (("b", 20.0), ("c", 5.0)):
        h.hb(session_id, score)
    doc = h.core.snapshot(KEY)
    doc["primary"] = None
    for item in doc["sessions"]:
        item["role"] = 0
    core = FailoverCore(h.clock, h.recorder)
    core.restore([doc])
    h.recorder.take()
    assert core.heartbeat(KEY, "a", 10.0, None, None).role == S
    assert core.get_group(KEY).pending == "b"
    [event] = h.recorder.take()
    assert event.kind == "pending_primary"
    assert event.role_changes == (RoleChange("b", PP, 1, None, TIMEOUT),)
    core.told_pending(KEY, "b", event.role_changes[0].pending_serial)  # the push reached b
    assert core.heartbeat(KEY, "b", 20.0, None, None).role == P


def test_the_heartbeating_session_itself_may_be_elected_pending() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 10.0)
    h.hb("b", 20.0)
    doc = h.core.snapshot(KEY)
    doc["primary"] = None
    core = FailoverCore(h.clock, h.recorder)
    core.restore([doc])
    result = core.heartbeat(KEY, "b", 20.0, None, None)
    assert result.role == PP
    core.told_pending(KEY, "b", result.pending_serial)
    assert core.heartbeat(KEY, "b", 20.0, None, None).role == P


# ----- rule 8: epoch ------------------------------------------------------------------------


def test_epoch_grows_by_one_per_new_primary_and_every_answer_carries_it() -> None:
    h = Harness(("a", "b"))
    epochs = [h.primary("a").epoch, h.hb("b").epoch]
    for _ in range(3):
        primary = h.group.primary
        assert primary is not None
        other = "b" if primary == "a" else "a"
        h.core.goodbye(KEY, primary)
        assert h.hb(other).role == P  # the acknowledgement
        epochs.append(h.group.epoch)
        assert h.hb(primary).epoch == h.group.epoch  # a secondary is told the epoch too
    assert epochs == [1, 1, 2, 3, 4]


# ----- rule 9: deadlines --------------------------------------------------------------------


def test_heartbeats_do_not_grow_the_heap() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a")
    for session_id in ("b", "c"):
        h.hb(session_id)
    size = h.core.sizes()[1]
    assert size == 4  # three deadlines and a's stale pending-acknowledgement entry
    for _ in range(1_000):
        h.clock.advance(0.01)
        for session_id in ("a", "b", "c"):
            h.hb(session_id)
        assert h.core.sizes()[1] == size


def test_next_deadline_is_the_real_deadline_after_heartbeats() -> None:
    h = Harness(("a", "b"))
    h.hb("a")
    h.run(7)
    h.hb("b")
    h.run(3)
    h.hb("a")
    # a's first entry comes due first, is re-pushed at its real deadline; b's is now earliest
    assert h.core.next_deadline() == pytest.approx(h.now - 3 + TIMEOUT)
    h.core.goodbye(KEY, "b")
    assert h.core.next_deadline() == pytest.approx(h.now + TIMEOUT)


def test_removed_sessions_and_deleted_or_replaced_groups_leave_no_deadline() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.core.remove_session(KEY, "b")
    h.core.goodbye(KEY, "a")
    assert (h.group.primary, h.group.pending) == (None, None)
    assert h.core.next_deadline() is None  # one heap for everything: nothing is left in it
    h.hb("a")  # a PendingPrimary again: its deadline and its acknowledgement deadline
    snapshot = h.core.snapshot(KEY)
    old = h.group
    h.core.restore([snapshot])  # replaces the group: the old one's timers must not fire
    restored = h.core.get_group(KEY)
    assert restored is not old
    assert len(h.core._deadlines) == 2  # the restored a's deadline and acknowledgement only
    assert h.core.next_deadline() == pytest.approx(h.now + TIMEOUT)
    h.run(TIMEOUT / 2)
    h.core.heartbeat(KEY, "a", 1.0, None, None)
    h.run(TIMEOUT / 2 + 0.1)  # the restored grace and acknowledgement would be due by now
    assert restored.pending is None and restored.primary is None  # rule 4: no acknowledgement
    assert restored.sessions["a"].role == S
    h.core.goodbye(KEY, "a")
    h.core.delete_group(KEY)
    assert h.core.next_deadline() is None


def test_every_due_deadline_fires_in_one_expire() -> None:
    h = Harness(("a", "b", "c"))
    for session_id in ("a", "b", "c"):
        h.hb(session_id)
    h.clock.advance(10 * TIMEOUT)
    h.core.expire()
    assert (h.group.primary, h.group.pending) == (None, None)
    assert h.core.next_deadline() is None


# ----- rule 10: events ----------------------------------------------------------------------


def test_each_change_is_one_event_and_plain_heartbeats_are_not_urgent() -> None:
    recorder = Recorder()
    core = FailoverCore(FakeClock(), recorder)
    core.create_group(KEY, "G", "", TIMEOUT)
    core.add_session(KEY, "a", "A", exist_ok=False)
    core.told_pending(KEY, "a", core.heartbeat(KEY, "a", 1.0, None, None).pending_serial)
    core.heartbeat(KEY, "a", 1.0, None, None)
    core.heartbeat(KEY, "a", 1.0, None, None)
    assert [(e.kind, e.urgent, len(e.role_changes)) for e in recorder.take()] == [
        ("created", True, 0),
        ("session_added", True, 0),
        ("pending_primary", True, 1),
        ("primary", True, 1),
        ("heartbeat", False, 0),
    ]


def test_core_works_without_a_listener() -> None:
    core = FailoverCore(FakeClock())
    core.create_group(KEY, "G", "", TIMEOUT)
    core.add_session(KEY, "a", "A", exist_ok=False)
    core.told_pending(KEY, "a", core.heartbeat(KEY, "a", 1.0, None, None).pending_serial)
    assert core.heartbeat(KEY, "a", 1.0, None, None).role == P

"""Rule 7: health-based handover, on a fake clock."""

import pytest

from server.domain.failover import Role, RoleChange
from tests.unit.failover_harness import KEY, TIMEOUT, Harness, data_time

P, S, PP = Role.PRIMARY, Role.SECONDARY, Role.PENDING_PRIMARY
STEP = TIMEOUT / 3


def started() -> Harness:
    """a is Primary (score 50), b Secondary (score 50), both heartbeating."""
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(1))
    h.hb("b", 50.0)
    h.recorder.take()
    return h


def test_healthier_secondary_takes_over_after_exactly_one_timeout() -> None:
    h = started()
    h.run(1)
    h.hb("b", 60.0)  # strictly higher from now on
    higher_since = h.now
    h.keep_alive({"a": 50.0, "b": 60.0}, TIMEOUT - STEP, step=STEP, data=data_time(1))
    assert h.core.next_deadline() == pytest.approx(higher_since + TIMEOUT)  # the handover
    h.run(higher_since + TIMEOUT - h.now - 0.001)
    assert h.roles() == {"a": P, "b": S}
    h.recorder.take()

    h.run(0.001)
    assert h.roles() == {"a": S, "b": PP}
    [event] = h.recorder.take()
    assert (event.kind, event.urgent) == ("demoted", True)
    # the old Primary is demoted first, then the challenger is chosen
    assert event.role_changes == (
        RoleChange("a", S, 1, data_time(1), TIMEOUT),
        RoleChange("b", PP, 1, data_time(1), TIMEOUT),
    )
    result = h.hb("b", 60.0)
    assert (result.role, result.epoch) == (P, 2)
    assert h.roles() == {"a": S, "b": P}


def test_an_equal_score_from_the_challenger_restarts_its_clock() -> None:
    h = started()
    h.hb("b", 60.0)
    h.keep_alive({"a": 50.0, "b": 60.0}, 2 * STEP, step=STEP)
    h.hb("b", 50.0)  # not higher: reset
    h.run(1)
    h.hb("b", 60.0)
    higher_again = h.now
    h.keep_alive({"a": 50.0, "b": 60.0}, TIMEOUT - STEP, step=STEP)
    h.run(higher_again + TIMEOUT - h.now - 0.001)
    assert h.roles() == {"a": P, "b": S}
    h.run(0.001)
    assert h.roles() == {"a": S, "b": PP}


def test_the_primary_catching_up_restarts_the_challengers_clock() -> None:
    h = started()
    h.hb("b", 60.0)
    h.keep_alive({"a": 50.0, "b": 60.0}, 2 * STEP, step=STEP)
    h.hb("a", 60.0)  # the Primary is as healthy: b is not higher any more
    h.run(1)
    h.hb("a", 55.0)  # b is higher again from here, without b heartbeating
    lower_again = h.now
    h.keep_alive({"a": 55.0, "b": 60.0}, TIMEOUT - STEP, step=STEP)
    h.run(lower_again + TIMEOUT - h.now - 0.001)
    assert h.roles() == {"a": P, "b": S}
    h.run(0.001)
    assert h.roles() == {"a": S, "b": PP}


def test_equal_scores_never_hand_over() -> None:
    h = started()
    h.keep_alive({"a": 50.0, "b": 50.0}, 20 * TIMEOUT, step=STEP)
    assert h.roles() == {"a": P, "b": S} and h.group.epoch == 1
    assert h.recorder.take_changes() == []


def test_a_lower_secondary_never_takes_over() -> None:
    h = started()
    h.keep_alive({"a": 50.0, "b": 49.0}, 20 * TIMEOUT, step=STEP)
    assert h.roles() == {"a": P, "b": S}


def test_no_flapping_after_a_handover() -> None:
    h = started()
    h.hb("b", 60.0)
    h.keep_alive({"a": 50.0, "b": 60.0}, TIMEOUT + STEP, step=STEP)
    assert h.roles() == {"a": S, "b": P} and h.group.epoch == 2
    h.recorder.take()
    h.keep_alive({"a": 50.0, "b": 60.0}, 20 * TIMEOUT, step=STEP)
    assert h.roles() == {"a": S, "b": P} and h.group.epoch == 2
    assert h.recorder.take_changes() == []
    # the new Primary is challenged under the same rule: a whole timeout strictly higher
    h.keep_alive({"a": 70.0, "b": 60.0}, TIMEOUT - STEP, step=STEP)
    assert h.roles() == {"a": S, "b": P}
    h.keep_alive({"a": 70.0, "b": 60.0}, 2 * STEP, step=STEP)
    assert h.roles() == {"a": P, "b": S} and h.group.epoch == 3


def test_a_challenger_that_stops_being_live_loses_its_claim() -> None:
    h = Harness(("a", "b", "c"))
    h.hb("a", 50.0)
    h.hb("b", 50.0)
    h.hb("c", 80.0)  # c is higher, then goes quiet
    h.keep_alive({"a": 50.0, "b": 50.0}, TIMEOUT, step=STEP)
    assert h.roles() == {"a": P, "b": S, "c": S}
    h.hb("c", 80.0)  # back: its clock starts again
    back = h.now
    h.keep_alive({"a": 50.0, "b": 50.0, "c": 80.0}, TIMEOUT - STEP, step=STEP)
    h.run(back + TIMEOUT - h.now - 0.001)
    assert h.roles()["a"] == P
    h.run(0.001)
    assert h.roles() == {"a": S, "b": S, "c": PP}


def test_a_goodbye_ends_a_challengers_claim() -> None:
    h = started()
    h.hb("b", 60.0)
    h.core.goodbye(KEY, "b")
    h.keep_alive({"a": 50.0}, 3 * TIMEOUT, step=STEP)
    assert h.roles() == {"a": P, "b": S}


def test_the_best_of_several_challengers_takes_over() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0)
    h.hb("b", 70.0)
    h.hb("c", 90.0)
    h.keep_alive({"a": 50.0, "b": 70.0, "c": 90.0}, TIMEOUT, step=STEP)
    assert h.roles() == {"a": S, "b": S, "c": P}  # chosen, then acknowledged


def test_an_earlier_challenger_takes_over_first() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0)
    h.hb("b", 70.0)
    h.hb("c", 50.0)
    h.keep_alive({"a": 50.0, "b": 70.0, "c": 50.0}, STEP, step=STEP)
    h.hb("c", 90.0)  # better than b, but higher than the Primary for less long
    h.keep_alive({"a": 50.0, "b": 70.0, "c": 90.0}, TIMEOUT - STEP, step=STEP)
    assert h.roles() == {"a": S, "b": P, "c": S}  # chosen, then acknowledged


def test_a_primary_that_misses_its_deadline_fails_over_to_the_best_not_by_handover() -> None:
    h = started()
    h.hb("b", 60.0)  # challenger's clock and the Primary's deadline end at the same moment
    h.keep_alive({"b": 60.0}, TIMEOUT, step=STEP)
    assert h.roles() == {"a": S, "b": P}
    [event, *_] = h.recorder.take_changes()
    assert event.kind == "pending_primary"

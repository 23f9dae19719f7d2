"""Snapshots and restore: a server restart keeps roles and epochs and causes no failover."""

import json
from typing import Any

import pytest

from server.domain.clock import FakeClock
from server.domain.errors import NotFound
from server.domain.failover import FailoverCore, GroupEvent, GroupKey, Role
from tests.unit.failover_harness import KEY, TIMEOUT, Harness, Recorder, data_time

P, S, PP = Role.PRIMARY, Role.SECONDARY, Role.PENDING_PRIMARY


def restarted(docs: list[dict[str, Any]], after: float = 3_600.0) -> tuple[Harness, FailoverCore]:
    """A fresh core on a fresh clock (another monotonic origin), loaded from JSON round-trips."""
    h = Harness(())
    h.core = h.recorder.core = FailoverCore(h.clock, h.recorder)
    h.clock.advance(after)
    h.core.restore(json.loads(json.dumps(docs)))
    return h, h.core


def test_snapshot_is_json_with_config_roles_and_heartbeat_values() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0, data_time(100))
    h.hb("b", 40.5, data_time(90))
    doc = json.loads(json.dumps(h.core.snapshot(KEY)))
    assert {k: doc[k] for k in ("tenant", "namespace", "group", "name", "timeout", "epoch")} == {
        "tenant": "tenant",
        "namespace": "namespace",
        "group": "group",
        "name": "Group",
        "timeout": TIMEOUT,
        "epoch": 1,
    }
    assert (doc["primary"], doc["pending"], doc["watermark"]) == ("a", None, None)
    assert [(s["id"], s["role"], s["score"], s["live"]) for s in doc["sessions"]] == [
        ("a", 1, 50.0, True),
        ("b", 0, 40.5, True),
        ("c", 0, 0.0, False),
    ]
    assert doc["sessions"][0]["last_data_time"] == data_time(100).isoformat()
    assert doc["sessions"][0]["heartbeat_time"] == h.clock.wall().isoformat()


def test_restore_keeps_roles_epoch_watermark_and_values() -> None:
    h = Harness(("a", "b", "c"))
    h.primary("a", 50.0, data_time(100))
    h.hb("b", 40.0, data_time(90))
    h.core.goodbye(KEY, "a")
    h.hb("b", 40.0, data_time(91))  # b is Primary, epoch 2, watermark from a
    h.hb("a", 30.0, data_time(100))
    docs = [h.core.snapshot(KEY)]
    h2, core = restarted(docs)
    group = core.get_group(KEY)
    assert (group.primary, group.pending, group.epoch) == ("b", None, 2)
    assert group.watermark == data_time(100)
    assert h2.roles() == {"a": S, "b": P, "c": S}
    b = core.get_session(KEY, "b")
    assert (b.name, b.score, b.last_data_time) == ("B", 40.0, data_time(91))
    assert core.snapshot(KEY)["sessions"] == docs[0]["sessions"]
    assert h2.recorder.take() == []  # restoring is not a change to persist again


def test_a_primary_that_keeps_heartbeating_after_a_restart_stays_primary() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0)
    h.hb("b", 50.0)
    h.run(TIMEOUT - 1)  # the restart comes late in a's timeout: the grace is a fresh one
    h.hb("b", 50.0)
    h2, core = restarted([h.core.snapshot(KEY)])
    assert core.next_deadline() == pytest.approx(h2.now + TIMEOUT)
    h2.run(TIMEOUT - 1)
    assert h2.roles() == {"a": P, "b": S}
    result = core.heartbeat(KEY, "a", 50.0, None, None)
    assert (result.role, result.epoch) == (P, 1)
    core.heartbeat(KEY, "b", 50.0, None, None)
    h2.keep_alive({"a": 50.0, "b": 50.0}, 10 * TIMEOUT, step=TIMEOUT / 3)
    assert h2.roles() == {"a": P, "b": S} and core.get_group(KEY).epoch == 1
    assert h2.recorder.take_changes() == []


def test_a_primary_that_does_not_come_back_fails_over_after_its_grace() -> None:
    h = Harness(("a", "b"))
    h.primary("a", 50.0, data_time(5))
    h.hb("b", 50.0)
    h2, core = restarted([h.core.snapshot(KEY)])
    h2.keep_alive({"b": 50.0}, TIMEOUT - 5, step=5.0)
    assert h2.roles() == {"a": P, "b": S}
    h2.run(5)
    assert h2.roles() == {"a": S, "b": PP}  # pushed to b, so b was told
    assert core.heartbeat(KEY, "b", 50.0, None, None).epoch == 2


def test_a_pending_primary_is_restored_and_acknowledges() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    h.core.goodbye(KEY, "a")
    h2, core = restarted([h.core.snapshot(KEY)])
    group = core.get_group(KEY)
    assert (group.primary, group.pending, group.pending_since) == (None, "b", h2.now)
    # Told before the restart is not known to be told after it: told again, then it acks.
    result = core.heartbeat(KEY, "b", 50.0, None, None)
    assert result.role == PP
    core.told_pending(KEY, "b", result.pending_serial)
    assert core.heartbeat(KEY, "b", 50.0, None, None).role == P
    assert group.epoch == 2


def test_sessions_that_were_not_live_get_no_grace() -> None:
    h = Harness(("a", "b", "c"))
    h.hb("a")
    h.hb("b")
    h.core.goodbye(KEY, "b")
    _, core = restarted([h.core.snapshot(KEY)])
    group = core.get_group(KEY)
    assert [core.is_live(group, s) for s in group.sessions.values()] == [True, False, False]
    core.goodbye(KEY, "a")
    assert (group.primary, group.pending) == (None, None)  # nobody live to take over


def test_restore_lists_in_id_order_and_replaces_a_group_with_the_same_key() -> None:
    clock = FakeClock()
    source = FailoverCore(clock)
    keys = [GroupKey("t", "ns", name) for name in ("z", "a", "m")]
    for key in keys:
        source.create_group(key, key.group, "", 10.0)
    core = FailoverCore(clock, Recorder())
    core.restore(source.snapshot(key) for key in keys)
    assert [g.key.group for g in core.list_groups("t", "ns")] == ["a", "m", "z"]
    changed = source.snapshot(keys[1])
    changed["name"] = "renamed"
    core.restore([changed])
    assert core.get_group(keys[1]).name == "renamed"
    assert len(core.list_groups("t", "ns")) == 3


def test_restore_trusts_the_groups_primary_over_session_roles() -> None:
    h = Harness(("a", "b"))
    h.primary("a")
    h.hb("b")
    doc = h.core.snapshot(KEY)
    doc["pending"] = "b"  # corrupt: both set
    for item in doc["sessions"]:
        item["role"] = 1
    _, core = restarted([doc])
    group = core.get_group(KEY)
    assert (group.primary, group.pending) == ("a", None)
    assert [s.role for s in group.sessions.values()] == [P, S]


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda d: d.pop("epoch"),
        lambda d: d.update(version=99),
        lambda d: d.update(timeout=0),
        lambda d: d.update(group="a/b"),
        lambda d: d.update(watermark="yesterday"),
        lambda d: d["sessions"][0].update(heartbeat_time="2024-01-01T00:00:00"),
        lambda d: d["sessions"][0].update(score="high"),
        lambda d: d.update(sessions=None),
    ],
)
def test_a_corrupt_snapshot_is_refused(corrupt: Any) -> None:
    h = Harness(("a",))
    h.hb("a")
    doc = h.core.snapshot(KEY)
    corrupt(doc)
    core = FailoverCore(FakeClock())
    with pytest.raises(ValueError):
        core.restore([doc])
    with pytest.raises(NotFound):  # nothing was half-restored
        core.get_group(KEY)


# ----- rule 8: epochs are never reused for a group key ---------------------------------------


def test_a_re_created_group_goes_on_from_the_deleted_ones_epoch() -> None:
    h = Harness(("a",), timeout=10.0)
    h.primary("a")
    h.run(10.0)  # a is lost: the group can be deleted
    h.core.delete_group(KEY)
    assert h.core.epoch_floor(KEY) == 1
    h.core.create_group(KEY, "Again", "", 10.0)
    h.core.add_session(KEY, "b", "B", exist_ok=False)
    assert h.primary("b").epoch == 2


def test_restore_raises_an_epoch_below_its_keys_floor() -> None:
    h = Harness(("a",))
    h.primary("a")
    doc = h.core.snapshot(KEY)
    _, core = restarted([])
    core.restore([json.loads(json.dumps(doc))], [(KEY, 7)])
    assert core.get_group(KEY).epoch == 7
    assert core.epoch_floor(KEY) == 7
    core.goodbye(KEY, "a")
    core.delete_group(KEY)
    core.create_group(KEY, "G", "", TIMEOUT)
    assert core.get_group(KEY).epoch == 7


# ----- rule 11: restores spread their deadlines ----------------------------------------------


def test_restored_deadlines_are_spread_at_most_1000_groups_per_second() -> None:
    clock = FakeClock()
    core = FailoverCore(clock)
    keys = [GroupKey("t", f"n{i // 500}", f"g{i:04d}") for i in range(2500)]  # quota: 1,000
    for key in keys:
        core.create_group(key, "G", "", TIMEOUT)
        core.add_session(key, "a", "A", exist_ok=False)
        core.told_pending(key, "a", core.heartbeat(key, "a", 1.0, None, None).pending_serial)
        core.heartbeat(key, "a", 1.0, None, None)
    docs = json.loads(json.dumps([core.snapshot(key) for key in keys]))

    lost_at: list[float] = []

    class Listener:
        def on_event(self, event: GroupEvent) -> None:
            if event.kind == "primary_lost":
                lost_at.append(clock.monotonic())

    restarted_clock = FakeClock()
    clock = restarted_clock
    core = FailoverCore(clock, Listener())
    core.restore(docs)
    start = clock.monotonic()
    while (due := core.next_deadline()) is not None:  # nobody comes back
        clock.advance(max(0.0, due - clock.monotonic()))
        core.expire()
    assert len(lost_at) == len(keys)
    assert min(lost_at) == pytest.approx(start + TIMEOUT)  # the first: one timeout of grace
    assert max(lost_at) == pytest.approx(start + TIMEOUT + 2.499)
    for second in range(int(TIMEOUT), int(TIMEOUT) + 3):
        window = [t for t in lost_at if start + second <= t < start + second + 1]
        assert len(window) <= 1000


def test_an_invalid_group_document_is_refused_whole() -> None:
    h = Harness(("a",))
    doc = json.loads(json.dumps(h.core.snapshot(KEY)))
    doc["timeout"] = -5
    _, core = restarted([])
    with pytest.raises(ValueError):
        core.restore([doc])
    assert core.find_group(KEY) is None and core.next_deadline() is None

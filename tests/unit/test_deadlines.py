"""The one deadline heap, FakeClock's timers, and the driver that joins them."""

from __future__ import annotations

import random

import pytest

from server.domain.clock import FakeClock
from server.domain.deadlines import DeadlineHeap
from server.services.deadlines import RETRY_SECONDS, DeadlineDriver


def test_keys_come_due_in_deadline_order() -> None:
    heap: DeadlineHeap[str] = DeadlineHeap()
    heap.set("b", 20)
    heap.set("a", 10)
    heap.set("c", 30)
    assert heap.next_deadline() == 10
    assert heap.pop_due(25) == ["a", "b"]
    assert heap.pop_due(25) == []
    assert len(heap) == 1 and "c" in heap
    assert heap.pop_due(30) == ["c"]
    assert heap.next_deadline() is None


def test_moving_later_pushes_nothing_and_is_revalidated() -> None:
    heap: DeadlineHeap[str] = DeadlineHeap()
    heap.set("a", 10)
    for later in range(11, 1000):
        assert heap.set("a", later) is False
    assert heap.heap_size() == 1
    assert heap.next_deadline() == 999
    assert heap.pop_due(998) == []
    assert heap.pop_due(999) == ["a"]


def test_moving_earlier_retires_the_old_entry_and_reports_the_new_earliest() -> None:
    heap: DeadlineHeap[str] = DeadlineHeap()
    assert heap.set("a", 50) is True
    assert heap.set("b", 60) is False
    assert heap.set("b", 40) is True
    assert heap.pop_due(45) == ["b"]
    assert heap.pop_due(100) == ["a"]  # b's retired entry at 60 is not answered again
    assert heap.heap_size() == 0


def test_discarded_keys_never_come_due() -> None:
    heap: DeadlineHeap[str] = DeadlineHeap()
    heap.set("a", 10)
    heap.set("b", 20)
    heap.discard("a")
    heap.discard("missing")
    assert heap.deadline("a") is None
    assert heap.next_deadline() == 20
    assert heap.pop_due(100) == ["b"]


def test_random_moves_match_a_plain_dict() -> None:
    rng = random.Random(7)
    heap: DeadlineHeap[int] = DeadlineHeap()
    model: dict[int, float] = {}
    now = 0.0
    for _ in range(5000):
        key = rng.randrange(50)
        action = rng.random()
        if action < 0.6:
            when = now + rng.uniform(0, 100)
            heap.set(key, when)
            model[key] = when
        elif action < 0.7:
            heap.discard(key)
            model.pop(key, None)
        else:
            now += rng.uniform(0, 10)
            due = {k for k, when in model.items() if when <= now}
            assert set(heap.pop_due(now)) == due
            for k in due:
                del model[k]
        assert heap.next_deadline() == (min(model.values()) if model else None)
        assert len(heap) == len(model)


def test_pop_next_due_answers_one_key_at_a_time_so_acting_on_it_can_move_others() -> None:
    heap: DeadlineHeap[str] = DeadlineHeap()
    heap.set("a", 1.0)
    heap.set("b", 2.0)
    heap.set("c", 3.0)
    heap.set("a", 2.5)  # later: revalidated behind b
    assert heap.pop_next_due(0.5) is None
    assert heap.pop_next_due(3.0) == "b"
    heap.discard("a")  # acting on b removed a: it never comes due
    assert heap.pop_next_due(3.0) == "c"
    assert heap.pop_next_due(3.0) is None
    assert len(heap) == 0


def test_may_be_due_is_never_false_when_a_deadline_is_due() -> None:
    rng = random.Random(11)
    heap: DeadlineHeap[int] = DeadlineHeap()
    model: dict[int, float] = {}
    now = 0.0
    for _ in range(3000):
        key = rng.randrange(20)
        action = rng.random()
        if action < 0.6:
            model[key] = now + rng.uniform(0, 50)
            heap.set(key, model[key])
        elif action < 0.7:
            heap.discard(key)
            model.pop(key, None)
        else:
            now += rng.uniform(0, 5)
            if any(when <= now for when in model.values()):
                assert heap.may_be_due(now)
            while (key_due := heap.pop_next_due(now)) is not None:
                assert model.pop(key_due) <= now
            assert all(when > now for when in model.values())


def test_fake_clock_fires_timers_in_order_at_their_own_time() -> None:
    clock = FakeClock()
    start = clock.monotonic()
    fired: list[tuple[str, float]] = []
    clock.call_at(start + 5, lambda: fired.append(("late", clock.monotonic())))
    clock.call_at(start + 2, lambda: fired.append(("early", clock.monotonic())))
    cancelled = clock.call_at(start + 3, lambda: fired.append(("cancelled", 0)))
    cancelled.cancel()
    clock.advance(4)
    assert fired == [("early", start + 2)]
    clock.advance(1)
    assert fired == [("early", start + 2), ("late", start + 5)]
    assert clock.monotonic() == start + 5
    assert clock.pending_timers() == 0


def test_fake_clock_fires_a_timer_set_by_a_timer_within_the_same_advance() -> None:
    clock = FakeClock()
    fired: list[float] = []

    def first() -> None:
        fired.append(clock.monotonic())
        clock.call_at(clock.monotonic() + 1, lambda: fired.append(clock.monotonic()))

    start = clock.monotonic()
    clock.call_at(start + 1, first)
    clock.advance(10)
    assert fired == [start + 1, start + 2]
    assert clock.monotonic() == start + 10


class Target:
    """A deadline structure on the heap: records what expired."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.heap: DeadlineHeap[str] = DeadlineHeap()
        self.expired: list[tuple[str, float]] = []
        self.fail_next = False

    def next_deadline(self) -> float | None:
        return self.heap.next_deadline()

    def expire(self) -> None:
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("a bug")
        now = self.clock.monotonic()
        self.expired += [(key, now) for key in self.heap.pop_due(now)]


def test_the_driver_keeps_one_timer_and_moves_it_only_earlier() -> None:
    clock = FakeClock()
    target = Target(clock)
    driver = DeadlineDriver(clock, target)
    start = clock.monotonic()
    target.heap.set("late", start + 10)
    driver.arm()
    target.heap.set("later", start + 20)
    driver.arm()
    assert clock.pending_timers() == 1
    target.heap.set("early", start + 5)
    driver.arm()
    assert clock.pending_timers() == 1
    clock.advance(30)
    assert target.expired == [("early", start + 5), ("late", start + 10), ("later", start + 20)]
    driver.stop()
    assert clock.pending_timers() == 0


def test_a_failing_expiry_does_not_stop_later_deadlines(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    target = Target(clock)
    driver = DeadlineDriver(clock, target)
    start = clock.monotonic()
    target.heap.set("a", start + 1)
    target.heap.set("b", start + 2)
    driver.arm()
    target.fail_next = True
    clock.advance(1)
    assert target.expired == []
    assert RETRY_SECONDS == 1.0
    assert "deadline processing failed" in caplog.text
    clock.advance(0.5)  # no retry at once: a due deadline would re-fire forever
    assert target.expired == []
    clock.advance(0.5)  # retried RETRY_SECONDS later: both are due now
    assert target.expired == [("a", start + 2), ("b", start + 2)]

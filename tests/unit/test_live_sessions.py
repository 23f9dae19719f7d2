"""The live-session registry: ids, touch, pagination, close, and MaxScale's attribute formats."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from server.api.live import next_page_query, parse_page_query
from server.domain.clock import FakeClock
from server.domain.errors import InvalidArgument, NotFound
from server.domain.failover import GroupKey
from server.domain.live_sessions import (
    STATE_CLOSING,
    STATE_STARTED,
    LiveSessionRegistry,
    format_connected,
    render_attributes,
)

KEY_A = ("t1", "ns", "g1", "s1")
KEY_B = ("t1", "ns", "g1", "s2")
KEY_C = ("t1", "ns", "g2", "s3")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2017, 5, 17, 10, 6, 35, tzinfo=UTC))


@pytest.fixture
def registry(clock: FakeClock) -> LiveSessionRegistry:
    return LiveSessionRegistry(clock)


def test_ids_are_small_increasing_decimals_never_reused(registry: LiveSessionRegistry) -> None:
    first = registry.register("HeartbeatStream", "ipv4:127.0.0.1:5000")
    second = registry.register("WatchGroup", "ipv4:127.0.0.1:5001")
    assert (first.id, second.id) == ("1", "2")
    registry.unregister(second.id)
    assert registry.register("WatchGroup", "ipv4:127.0.0.1:5002").id == "3"


def test_connected_uses_the_seed_format(registry: LiveSessionRegistry, clock: FakeClock) -> None:
    session = registry.register("HeartbeatStream", "ipv4:10.0.0.1:1234", "agent-7")
    attributes = render_attributes(session, clock)
    assert attributes.connected == "Wed May 17 10:06:35 2017"
    assert attributes.state == STATE_STARTED
    assert attributes.user == "agent-7"
    assert attributes.remote == "ipv4:10.0.0.1:1234"


def test_connected_pads_the_day_like_asctime() -> None:
    text = format_connected(datetime(2024, 1, 5, 7, 8, 9, tzinfo=UTC))
    assert text == "Fri Jan  5 07:08:09 2024"
    assert re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}", text)


def test_idle_and_seconds_alive_follow_the_clock(
    registry: LiveSessionRegistry, clock: FakeClock
) -> None:
    session = registry.register("HeartbeatStream", "peer")
    clock.advance(10.04)
    registry.touch(session.id)
    clock.advance(2.36)
    attributes = render_attributes(registry.get(session.id), clock)
    assert attributes.idle == 2.4
    assert attributes.seconds_alive == 12.4


def test_touch_of_an_unknown_id_is_ignored(registry: LiveSessionRegistry) -> None:
    registry.touch("404")
    registry.serve("404", [KEY_A])
    registry.release("404", [KEY_A])


def test_serve_and_release_track_client_sessions_and_groups(
    registry: LiveSessionRegistry, clock: FakeClock
) -> None:
    session = registry.register("HeartbeatStream", "peer", client_sessions=[KEY_A])
    registry.serve(session.id, [KEY_B, KEY_C])
    attributes = render_attributes(session, clock)
    assert attributes.client_sessions == (KEY_A, KEY_B, KEY_C)
    assert attributes.groups == (("t1", "ns", "g1"), ("t1", "ns", "g2"))
    registry.release(session.id, [KEY_C])
    attributes = render_attributes(session, clock)
    assert attributes.client_sessions == (KEY_A, KEY_B)
    assert attributes.groups == (("t1", "ns", "g1"),)


def test_watch_stream_names_its_group(registry: LiveSessionRegistry, clock: FakeClock) -> None:
    session = registry.register("WatchGroup", "peer", groups=[GroupKey("t1", "ns", "g9")])
    attributes = render_attributes(session, clock)
    assert attributes.groups == (("t1", "ns", "g9"),)
    assert attributes.client_sessions == ()


def test_pages_count_from_zero_and_say_when_more_follow(registry: LiveSessionRegistry) -> None:
    for port in range(5):
        registry.register("HeartbeatStream", f"peer:{port}")
    pages = [registry.list(2, n) for n in range(4)]
    assert [[s.id for s in items] for items, _ in pages] == [["1", "2"], ["3", "4"], ["5"], []]
    assert [has_next for _, has_next in pages] == [True, True, False, False]


def test_a_full_last_page_has_no_next(registry: LiveSessionRegistry) -> None:
    for port in range(4):
        registry.register("HeartbeatStream", f"peer:{port}")
    items, has_next = registry.list(2, 1)
    assert [s.id for s in items] == ["3", "4"]
    assert has_next is False


def test_size_zero_lists_everything(registry: LiveSessionRegistry) -> None:
    for port in range(3):
        registry.register("HeartbeatStream", f"peer:{port}")
    items, has_next = registry.list()
    assert [s.id for s in items] == ["1", "2", "3"]
    assert has_next is False


@pytest.mark.parametrize(
    ("size", "number", "reason"),
    [(-1, 0, "INVALID_PAGE_SIZE"), (1001, 0, "INVALID_PAGE_SIZE"), (10, -1, "INVALID_PAGE_NUMBER")],
)
def test_bad_pages_are_refused(
    registry: LiveSessionRegistry, size: int, number: int, reason: str
) -> None:
    with pytest.raises(InvalidArgument) as caught:
        registry.list(size, number)
    assert caught.value.reason == reason


def test_close_runs_the_callback_and_forgets_the_session(registry: LiveSessionRegistry) -> None:
    closed: list[str] = []
    session = registry.register("HeartbeatStream", "peer", on_close=lambda: closed.append("x"))
    returned = registry.close(session.id)
    assert closed == ["x"]
    assert returned.state == STATE_CLOSING
    with pytest.raises(NotFound) as caught:
        registry.get(session.id)
    assert caught.value.reason == "LIVE_SESSION_NOT_FOUND"
    assert registry.unregister(session.id) is None
    assert len(registry) == 0


def test_callback_set_after_register_is_used(registry: LiveSessionRegistry) -> None:
    closed: list[str] = []
    session = registry.register("WatchGroup", "peer")
    registry.set_on_close(session.id, lambda: closed.append(session.id))
    registry.close(session.id)
    assert closed == [session.id]


def test_close_of_an_unknown_id_is_not_found(registry: LiveSessionRegistry) -> None:
    with pytest.raises(NotFound) as caught:
        registry.close("42")
    assert caught.value.reason == "LIVE_SESSION_NOT_FOUND"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v1/sessions", (None, None)),
        ("/v1/sessions?page[size]=2&page[number]=1", (2, 1)),
        ("/v1/sessions?page%5Bsize%5D=5", (5, None)),
        ("/v1/sessions?pretty=true&page%5Bnumber%5D=3", (None, 3)),
    ],
)
def test_page_parameters_are_read_from_the_raw_path(
    path: str, expected: tuple[int | None, int | None]
) -> None:
    assert parse_page_query(path) == expected


@pytest.mark.parametrize("value", ["-1", "two", "", "1e3", "9999999999"])
def test_bad_page_parameters_are_refused(value: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_page_query(f"/v1/sessions?page[size]={value}")
    assert caught.value.reason == "INVALID_PAGE_PARAMETER"


def test_next_page_query() -> None:
    assert next_page_query(10, 0) == "page[size]=10&page[number]=1"

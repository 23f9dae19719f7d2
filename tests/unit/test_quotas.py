"""Quotas in the failover core: groups per namespace, sessions per group, Name/Description."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from server.domain.clock import FakeClock
from server.domain.errors import InvalidArgument, QuotaExceeded
from server.domain.failover import FailoverCore, GroupKey
from server.domain.quotas import Quotas

QUOTAS = Quotas(groups_per_namespace=2, sessions_per_group=2, name_length=8, description_length=16)


def key(group: str, namespace: str = "ns") -> GroupKey:
    return GroupKey("t", namespace, group)


def test_one_group_past_the_namespace_quota_is_refused_until_one_is_deleted() -> None:
    core = FailoverCore(FakeClock(), quotas=QUOTAS)
    core.create_group(key("g1"), "", "", 30)
    core.put_group(key("g2"), "", "", 30)
    with pytest.raises(QuotaExceeded) as caught:
        core.create_group(key("g3"), "", "", 30)
    assert caught.value.reason == "QUOTA_EXCEEDED"
    with pytest.raises(QuotaExceeded):
        core.put_group(key("g3"), "", "", 30)
    assert [g.key.group for g in core.list_groups("t", "ns")] == ["g1", "g2"]
    core.put_group(key("g1"), "renamed", "", 30)  # updating is not adding
    core.create_group(key("g3", namespace="other"), "", "", 30)
    core.delete_group(key("g1"))
    core.create_group(key("g3"), "", "", 30)


def test_one_session_past_the_group_quota_is_refused() -> None:
    core = FailoverCore(FakeClock(), quotas=QUOTAS)
    core.create_group(key("g"), "", "", 30)
    core.add_session(key("g"), "s1", "", exist_ok=False)
    core.add_session(key("g"), "s2", "", exist_ok=True)
    with pytest.raises(QuotaExceeded):
        core.add_session(key("g"), "s3", "", exist_ok=True)
    core.add_session(key("g"), "s2", "renamed", exist_ok=True)  # renaming is not adding
    assert [s.id for s in core.list_sessions(key("g"))] == ["s1", "s2"]
    core.remove_session(key("g"), "s1")
    core.add_session(key("g"), "s3", "", exist_ok=False)


LONG_TEXT: list[Callable[[FailoverCore], object]] = [
    lambda core: core.put_group(key("g"), "x" * 9, "fine", 30),
    lambda core: core.put_group(key("g"), "ok", "y" * 17, 30),
    lambda core: core.create_group(key("h"), "x" * 9, "", 30),
    lambda core: core.add_session(key("g"), "s1", "z" * 9, exist_ok=False),
]


@pytest.mark.parametrize("change", LONG_TEXT, ids=["name", "description", "new", "session"])
def test_text_past_its_length_is_refused_and_nothing_changes(
    change: Callable[[FailoverCore], object],
) -> None:
    core = FailoverCore(FakeClock(), quotas=QUOTAS)
    core.create_group(key("g"), "ok", "fine", 30)
    with pytest.raises(InvalidArgument) as caught:
        change(core)
    assert caught.value.reason == "FIELD_TOO_LONG"
    group = core.get_group(key("g"))
    assert (group.name, group.description, list(group.sessions)) == ("ok", "fine", [])
    assert core.find_group(key("h")) is None

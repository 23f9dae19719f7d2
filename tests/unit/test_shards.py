"""Shard hashing and the rendezvous assignment: balanced, deterministic, few moves."""

from __future__ import annotations

import math

import pytest

from server.domain.shards import assign, shard_of, shards_of


def members(n: int, salt: str = "") -> list[str]:
    return [f"10.0.{salt}{i}.7:50051" for i in range(n)]


def moved(before: dict[int, str], after: dict[int, str]) -> int:
    return sum(before[s] != after[s] for s in before)


def test_shard_of_is_stable_and_in_range() -> None:
    # A fixed value: every process (any PYTHONHASHSEED) must agree.
    assert shard_of(("acme", "plant1", "collectors"), 64) == shard_of(
        ["acme", "plant1", "collectors"], 64
    )
    assert shard_of(("acme", "plant1", "collectors"), 64) == 18
    hits = {shard_of(("t", "n", f"g{i}"), 64) for i in range(2000)}
    assert hits == set(range(64))


def test_no_members_no_owners() -> None:
    assert assign(64, []) == {}


def test_one_member_owns_every_shard() -> None:
    assert set(assign(64, ["only:1"]).values()) == {"only:1"}


@pytest.mark.parametrize("n", [2, 3, 5, 7])
@pytest.mark.parametrize("shards", [16, 64, 256])
def test_balanced_within_one_shard_of_the_bound(n: int, shards: int) -> None:
    for salt in ("a", "b", "c"):
        owners = assign(shards, members(n, salt))
        loads = [len(shards_of(owners, m)) for m in members(n, salt)]
        assert sum(loads) == shards
        assert max(loads) <= math.ceil(shards / n)
        assert min(loads) >= shards - (n - 1) * math.ceil(shards / n)


def test_deterministic_whatever_the_order() -> None:
    ms = members(5)
    assert assign(64, ms) == assign(64, list(reversed(ms))) == assign(64, ms + ms[:2])


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_a_join_or_leave_moves_about_one_nth(n: int) -> None:
    joins, leaves = [], []
    for salt in "abcdefghij":
        ms = members(n, salt)
        before = assign(64, ms)
        joined = assign(64, [*ms, f"new-{salt}:1"])
        joins.append(moved(before, joined) / 64)
        # Every move on a join goes to the new member.
        assert {joined[s] for s in before if before[s] != joined[s]} <= {f"new-{salt}:1"} | set(ms)
        left = assign(64, ms[1:])
        leaves.append(moved(before, left) / 64)
        # The leaver's shards all move; everyone else keeps nearly all of theirs.
        assert shards_of(before, ms[0]) <= {s for s in before if before[s] != left[s]}
    # Minimum possible: 1/(n+1) on a join, 1/n on a leave; allow the load bound's extra moves.
    assert sum(joins) / len(joins) <= 1.5 / (n + 1)
    assert sum(leaves) / len(leaves) <= 1.5 / n

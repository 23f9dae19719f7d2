"""The SQLite store against the Store contract, on a real file."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.store.base import Write
from server.store.sqlite import SqliteStore, decode_key, encode_key


@pytest.fixture
async def store(tmp_path: Path):
    s = SqliteStore(tmp_path / "db.sqlite3")
    await s.open()
    yield s
    await s.close()


async def test_put_get_delete(store: SqliteStore) -> None:
    assert await store.get("g", ("t", "n", "a")) is None
    await store.put("g", ("t", "n", "a"), {"x": 1})
    assert await store.get("g", ("t", "n", "a")) == {"x": 1}
    assert await store.delete("g", ("t", "n", "a")) is True
    assert await store.delete("g", ("t", "n", "a")) is False


async def test_create_refuses_a_taken_key(store: SqliteStore) -> None:
    assert await store.create("g", ("t", "a"), {"v": 1}) is True
    assert await store.create("g", ("t", "a"), {"v": 2}) is False
    assert await store.get("g", ("t", "a")) == {"v": 1}


async def test_scan_is_bounded_by_prefix_and_kind(store: SqliteStore) -> None:
    await store.put("g", ("t1", "n", "a"), {"i": 1})
    await store.put("g", ("t1", "n", "b"), {"i": 2})
    await store.put("g", ("t1", "n0", "c"), {"i": 3})  # "n0" must not match prefix "n"
    await store.put("g", ("t2", "n", "a"), {"i": 4})
    await store.put("other", ("t1", "n", "a"), {"i": 5})
    rows = await store.scan("g", ("t1", "n"))
    assert [k for k, _ in rows] == [("t1", "n", "a"), ("t1", "n", "b")]
    assert len(await store.scan("g")) == 4


async def test_write_batch_is_atomic(store: SqliteStore) -> None:
    await store.put("g", ("t", "keep"), {"v": 1})
    await store.write([Write("g", ("t", "new"), {"v": 2}), Write("g", ("t", "keep"), None)])
    assert await store.get("g", ("t", "keep")) is None
    assert await store.get("g", ("t", "new")) == {"v": 2}


async def test_data_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    first = SqliteStore(path)
    await first.open()
    await first.put("g", ("t", "a"), {"v": 1})
    await first.close()
    second = SqliteStore(path)
    await second.open()
    assert await second.get("g", ("t", "a")) == {"v": 1}
    await second.close()


def test_keys_with_separators_round_trip() -> None:
    key = ("te/nant", "a%b", "")
    assert decode_key(encode_key(key)) == key

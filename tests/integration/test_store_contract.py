"""The Store contract, run against every backend: SQLite on a real file, etcd on a real cluster."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from server.store.base import Store, Write
from server.store.etcd import EtcdSettings, EtcdStore
from server.store.sqlite import SqliteStore, decode_key, encode_key
from tests.etcd_cluster import EtcdCluster

# Opens a store on the same data as the test's other stores (a reopen after close).
Opener = Callable[[], Awaitable[Store]]


@pytest.fixture(params=["sqlite", "etcd"])
async def open_backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Opener]:
    opened: list[Store] = []
    if request.param == "sqlite":

        def make() -> Store:
            return SqliteStore(tmp_path / "db.sqlite3")
    else:
        cluster: EtcdCluster = request.getfixturevalue("etcd_cluster")
        settings = EtcdSettings(tuple(cluster.endpoints), prefix=f"/test-{uuid.uuid4().hex}/")

        def make() -> Store:
            return EtcdStore(settings)

    async def open_one() -> Store:
        store = make()
        await store.open()
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        await store.close()


@pytest.fixture
async def store(open_backend: Opener) -> Store:
    return await open_backend()


async def test_put_get_delete(store: Store) -> None:
    assert await store.get("g", ("t", "n", "a")) is None
    await store.put("g", ("t", "n", "a"), {"x": 1})
    assert await store.get("g", ("t", "n", "a")) == {"x": 1}
    assert await store.delete("g", ("t", "n", "a")) is True
    assert await store.delete("g", ("t", "n", "a")) is False


async def test_create_refuses_a_taken_key(store: Store) -> None:
    assert await store.create("g", ("t", "a"), {"v": 1}) is True
    assert await store.create("g", ("t", "a"), {"v": 2}) is False
    assert await store.get("g", ("t", "a")) == {"v": 1}


async def test_scan_is_bounded_by_prefix_and_kind(store: Store) -> None:
    await store.put("g", ("t1", "n", "a"), {"i": 1})
    await store.put("g", ("t1", "n", "b"), {"i": 2})
    await store.put("g", ("t1", "n0", "c"), {"i": 3})  # "n0" must not match prefix "n"
    await store.put("g", ("t2", "n", "a"), {"i": 4})
    await store.put("other", ("t1", "n", "a"), {"i": 5})
    rows = await store.scan("g", ("t1", "n"))
    assert [k for k, _ in rows] == [("t1", "n", "a"), ("t1", "n", "b")]
    assert [k for k, _ in await store.scan("g")] == [
        ("t1", "n", "a"),
        ("t1", "n", "b"),
        ("t1", "n0", "c"),
        ("t2", "n", "a"),
    ]


async def test_write_batch_is_atomic(store: Store) -> None:
    await store.put("g", ("t", "keep"), {"v": 1})
    await store.write([Write("g", ("t", "new"), {"v": 2}), Write("g", ("t", "keep"), None)])
    assert await store.get("g", ("t", "keep")) is None
    assert await store.get("g", ("t", "new")) == {"v": 2}


async def test_a_batch_writing_one_key_twice_keeps_the_last(store: Store) -> None:
    await store.write([Write("g", ("t", "k"), {"v": 1}), Write("g", ("t", "k"), {"v": 2})])
    assert await store.get("g", ("t", "k")) == {"v": 2}


async def test_large_scans_and_batches(store: Store) -> None:
    writes = [Write("g", ("t", f"k{i:04d}"), {"i": i}) for i in range(1500)]
    for start in range(0, len(writes), 500):
        await store.write(writes[start : start + 500])
    rows = await store.scan("g", ("t",))
    assert [doc["i"] for _, doc in rows] == list(range(1500))


async def test_keys_with_separators_round_trip(store: Store) -> None:
    key = ("te/nant", "a%b", "", "ü")
    await store.put("g", key, {"v": 1})
    assert await store.scan("g", ("te/nant",)) == [(key, {"v": 1})]


async def test_data_survives_reopen(open_backend: Opener) -> None:
    first = await open_backend()
    await first.put("g", ("t", "a"), {"v": 1})
    await first.close()
    second = await open_backend()
    assert await second.get("g", ("t", "a")) == {"v": 1}


def test_sqlite_keys_with_separators_round_trip() -> None:
    key = ("te/nant", "a%b", "")
    assert decode_key(encode_key(key)) == key

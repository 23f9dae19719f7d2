"""SQLite store faults: a lost file refuses writes, a damaged file is one clear error, a bad
row is kept aside."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest

from server.store.base import DamagedDocument, DamagedStore, StoreLost, Write
from server.store.sqlite import SqliteStore

KEY = ("t", "a")


def write_raw_row(path: Path, kind: str, key: str, text: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (kind, key, text))


def damage_header(path: Path) -> None:
    with open(path, "r+b") as file:
        file.write(b"garbage garbage!")


async def assert_refuses_every_write(store: SqliteStore) -> None:
    with pytest.raises(StoreLost):
        await store.put("k", KEY, {"v": 2})
    with pytest.raises(StoreLost):
        await store.create("k", ("t", "b"), {"v": 1})
    with pytest.raises(StoreLost):
        await store.delete("k", KEY)
    with pytest.raises(StoreLost):
        await store.write([Write("k", KEY, None)])


async def test_a_deleted_file_refuses_every_write_and_reports_once(
    store: SqliteStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    faults: list[str] = []
    store.on_fault(faults.append)
    await store.put("k", KEY, {"v": 1})
    (tmp_path / "db.sqlite3").unlink()
    await assert_refuses_every_write(store)
    assert len(faults) == 1 and "removed" in faults[0]
    lines = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(lines) == 1 and "store lost" in lines[0].getMessage()
    assert await store.get("k", KEY) == {"v": 1}  # reads still answer what was kept


async def test_a_replaced_file_refuses_writes(store: SqliteStore, tmp_path: Path) -> None:
    await store.put("k", KEY, {"v": 1})
    other = SqliteStore(tmp_path / "other.sqlite3")
    await other.open()
    await other.close()
    os.replace(tmp_path / "other.sqlite3", tmp_path / "db.sqlite3")
    await assert_refuses_every_write(store)
    assert "replaced" in (store.lost or "")


async def test_a_header_damaged_in_place_refuses_writes(store: SqliteStore, tmp_path: Path) -> None:
    await store.put("k", KEY, {"v": 1})
    damage_header(tmp_path / "db.sqlite3")
    await assert_refuses_every_write(store)
    assert "header" in (store.lost or "")


async def test_a_damaged_file_at_open_is_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    store = SqliteStore(path)
    with pytest.raises(DamagedStore) as caught:
        await store.open()
    assert str(path) in str(caught.value)


async def test_a_row_that_is_not_a_json_object_is_kept_aside(
    store: SqliteStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await store.put("k", ("t", "good"), {"v": 1})
    write_raw_row(tmp_path / "db.sqlite3", "k", "t/bad", "{not json")
    write_raw_row(tmp_path / "db.sqlite3", "k", "t/list", "[1, 2]")
    assert await store.scan("k") == [(("t", "good"), {"v": 1})]
    assert "kept aside" in caplog.text and "'t/bad'" in caplog.text and "'t/list'" in caplog.text
    with pytest.raises(DamagedDocument) as caught:
        await store.get("k", ("t", "bad"))
    assert caught.value.reason == "DOCUMENT_DAMAGED"
    with sqlite3.connect(tmp_path / "db.sqlite3") as conn:  # not deleted
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)

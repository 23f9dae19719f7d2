"""SQLite implementation of the Store interface: the embedded default.

One connection on one worker thread: SQLite serialises writers anyway, and a single thread keeps
the event loop free without connection-pool bookkeeping. WAL mode with synchronous=NORMAL is
durable across a process crash (a committed transaction survives); only an OS crash may lose the
last transactions, which the failover rules tolerate (clients get a fresh grace period).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote

from server.store.base import Document, Key, Write

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    doc  TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
"""


def encode_key(key: Key) -> str:
    """Join key parts with '/' after escaping, so a prefix scan is a plain range scan."""
    if not key:
        raise ValueError("a key needs at least one part (the tenant)")
    return "/".join(quote(part, safe="") for part in key)


def decode_key(text: str) -> Key:
    return tuple(unquote(part) for part in text.split("/"))


def _prefix_range(prefix: Key) -> tuple[str, str]:
    # Every key under prefix (a, b) starts with "a/b/"; "0" is the character after "/".
    start = encode_key(prefix) + "/"
    return start, start[:-1] + "0"


class SqliteStore:
    """The Store protocol on a SQLite file (`:memory:` works for tests)."""

    def __init__(self, path: Path | str) -> None:
        self._path = str(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
        self._conn: sqlite3.Connection | None = None

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        conn = self._conn
        if conn is None:
            raise RuntimeError("store is not open")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, conn)

    async def open(self) -> None:
        if self._path != ":memory:":
            Path(self._path).parent.mkdir(parents=True, exist_ok=True)

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.executescript(_SCHEMA)
            return conn

        loop = asyncio.get_running_loop()
        self._conn = await loop.run_in_executor(self._executor, connect)

    async def close(self) -> None:
        conn = self._conn
        if conn is None:
            return
        await self._run(lambda c: c.close())
        self._conn = None
        self._executor.shutdown(wait=True)

    async def get(self, kind: str, key: Key) -> Document | None:
        encoded = encode_key(key)

        def get(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT doc FROM documents WHERE kind = ? AND key = ?", (kind, encoded)
            ).fetchone()
            return None if row is None else str(row[0])

        text = await self._run(get)
        return None if text is None else _loads(text)

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        await self.write([Write(kind, key, doc)])

    async def create(self, kind: str, key: Key, doc: Mapping[str, Any]) -> bool:
        encoded, text = encode_key(key), json.dumps(doc, separators=(",", ":"))

        def create(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO documents (kind, key, doc) VALUES (?, ?, ?)",
                (kind, encoded, text),
            )
            return cursor.rowcount == 1

        return await self._run(create)

    async def delete(self, kind: str, key: Key) -> bool:
        encoded = encode_key(key)

        def delete(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "DELETE FROM documents WHERE kind = ? AND key = ?", (kind, encoded)
            )
            return cursor.rowcount == 1

        return await self._run(delete)

    async def scan(self, kind: str, prefix: Key = ()) -> list[tuple[Key, Document]]:
        if prefix:
            start, end = _prefix_range(prefix)
            sql = "SELECT key, doc FROM documents WHERE kind = ? AND key >= ? AND key < ?"
            params: tuple[str, ...] = (kind, start, end)
        else:
            sql, params = "SELECT key, doc FROM documents WHERE kind = ?", (kind,)

        def scan(conn: sqlite3.Connection) -> list[tuple[str, str]]:
            return [(str(k), str(d)) for k, d in conn.execute(sql + " ORDER BY key", params)]

        rows = await self._run(scan)
        return [(decode_key(k), _loads(d)) for k, d in rows]

    async def write(self, writes: Sequence[Write]) -> None:
        batch = list(writes)

        def write(conn: sqlite3.Connection) -> None:
            # Encoding here, on the worker thread, keeps large batches off the event loop.
            rows = [
                (
                    w.kind,
                    encode_key(w.key),
                    None if w.doc is None else json.dumps(w.doc, separators=(",", ":")),
                )
                for w in batch
            ]
            conn.execute("BEGIN IMMEDIATE")
            try:
                for kind, key, text in rows:
                    if text is None:
                        conn.execute(
                            "DELETE FROM documents WHERE kind = ? AND key = ?", (kind, key)
                        )
                    else:
                        conn.execute(
                            "INSERT OR REPLACE INTO documents (kind, key, doc) VALUES (?, ?, ?)",
                            (kind, key, text),
                        )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

        if batch:
            await self._run(write)


def _loads(text: str) -> Document:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("stored document is not a JSON object")
    return value

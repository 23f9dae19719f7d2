"""SQLite implementation of the Store interface: the embedded default.

One connection on one worker thread: SQLite serialises writers anyway, and a single thread keeps
the event loop free without connection-pool bookkeeping. WAL mode with synchronous=FULL: every
commit is fsync'd before it returns, because rolecall announces roles and epochs only after their
commit, and a commit lost in an OS crash could hand one epoch to two Primaries.

Faults are loud and contained. Before every write commits, the store checks that the path still
names the file it opened (same device and inode) and that the file still starts with SQLite's
header: a file deleted or replaced under a running server would otherwise take every later write
with it, unseen until the next start finds it gone. Once that check fails the store refuses
every write (`StoreLost`, 503), logs one line and tells its fault listeners (health goes
NOT_SERVING). A file that is not a database at start is one `DamagedStore` error naming it. A
row that is not a JSON object is logged by kind and key and kept aside: scans leave it out, a
read of it is `DamagedDocument`, nothing deletes it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote

from server.store.base import DamagedDocument, DamagedStore, Document, Key, StoreLost, Write

T = TypeVar("T")

log = logging.getLogger("rolecall.store")

# The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class _FileLost(Exception):
    """Raised on the worker thread when the path no longer names a sound database file."""


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
        # The open database file as it was at open: a descriptor of its own (to read the
        # header through) and its (device, inode).
        self._file: int | None = None
        self._identity: tuple[int, int] | None = None
        self._lost: str | None = None
        self._fault_listeners: list[Callable[[str], None]] = []

    def on_fault(self, callback: Callable[[str], None]) -> None:
        """Call `callback(reason)` once when the store stops accepting writes."""
        self._fault_listeners.append(callback)

    @property
    def lost(self) -> str | None:
        """Why writes are refused, or None while the store keeps them."""
        return self._lost

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
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.executescript(_SCHEMA)
            return conn

        loop = asyncio.get_running_loop()
        try:
            self._conn = await loop.run_in_executor(self._executor, connect)
            if self._path != ":memory:":
                self._file = os.open(self._path, os.O_RDONLY)
                stat = os.fstat(self._file)
                self._identity = (stat.st_dev, stat.st_ino)
                await loop.run_in_executor(self._executor, self._check_file)
        except (sqlite3.DatabaseError, _FileLost) as error:
            await self.close()
            raise DamagedStore(
                f"cannot open the store {self._path}: not a SQLite database, or a damaged one"
                f" ({error}); restore it from a backup or move it away to start empty"
            ) from error

    def _check_file(self) -> None:
        """On the worker thread: raise `_FileLost` unless the path still names the file that
        was opened and it still starts with SQLite's header."""
        if self._file is None:
            return
        try:
            stat = os.stat(self._path)
        except FileNotFoundError:
            raise _FileLost(f"{self._path} was removed") from None
        if (stat.st_dev, stat.st_ino) != self._identity:
            raise _FileLost(f"{self._path} was replaced by another file")
        if os.pread(self._file, len(SQLITE_HEADER), 0) != SQLITE_HEADER:
            raise _FileLost(f"{self._path} no longer has a SQLite header")

    async def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run a write on the worker thread; `fn` calls `_check_file()` before it commits."""
        if self._lost is not None:
            raise StoreLost()
        try:
            return await self._run(fn)
        except _FileLost as error:
            self._fail(str(error))
            raise StoreLost() from None

    def _fail(self, reason: str) -> None:
        if self._lost is not None:
            return
        self._lost = reason
        log.error("store lost: %s; refusing every write until rolecall is restarted", reason)
        for callback in self._fault_listeners:
            callback(reason)

    async def close(self) -> None:
        if self._file is not None:
            os.close(self._file)
            self._file = None
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
        if text is None:
            return None
        doc = _loads(kind, key, text)
        if doc is None:
            raise DamagedDocument(kind, key)
        return doc

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        await self.write([Write(kind, key, doc)])

    async def create(self, kind: str, key: Key, doc: Mapping[str, Any]) -> bool:
        encoded, text = encode_key(key), json.dumps(doc, separators=(",", ":"))

        def create(conn: sqlite3.Connection) -> bool:
            self._check_file()
            cursor = conn.execute(
                "INSERT OR IGNORE INTO documents (kind, key, doc) VALUES (?, ?, ?)",
                (kind, encoded, text),
            )
            return cursor.rowcount == 1

        return await self._write(create)

    async def delete(self, kind: str, key: Key) -> bool:
        encoded = encode_key(key)

        def delete(conn: sqlite3.Connection) -> bool:
            self._check_file()
            cursor = conn.execute(
                "DELETE FROM documents WHERE kind = ? AND key = ?", (kind, encoded)
            )
            return cursor.rowcount == 1

        return await self._write(delete)

    async def scan(self, kind: str, prefix: Key = ()) -> list[tuple[Key, Document]]:
        if prefix:
            start, end = _prefix_range(prefix)
            sql = "SELECT key, doc FROM documents WHERE kind = ? AND key >= ? AND key < ?"
            params: tuple[str, ...] = (kind, start, end)
        else:
            sql, params = "SELECT key, doc FROM documents WHERE kind = ?", (kind,)

        def scan(conn: sqlite3.Connection) -> list[tuple[str, str]]:
            return [(str(k), str(d)) for k, d in conn.execute(sql + " ORDER BY key", params)]

        found: list[tuple[Key, Document]] = []
        for text_key, text in await self._run(scan):
            key = decode_key(text_key)
            doc = _loads(kind, key, text)
            if doc is not None:
                found.append((key, doc))
        return found

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
                self._check_file()  # the last moment a lost file can still refuse the batch
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

        if batch:
            await self._write(write)


def _loads(kind: str, key: Key, text: str) -> Document | None:
    """The stored document, or None (logged) when the row is not a JSON object."""
    try:
        value = json.loads(text)
    except ValueError as error:
        value = error
    if isinstance(value, dict):
        return value
    log.error("kept aside: the stored %s %r is not a JSON object", kind, "/".join(key))
    return None

"""Storage behind one interface; `open_store` is the only place that picks a backend."""

from __future__ import annotations

from pathlib import Path

from server.store.base import Document, Key, Store, Write
from server.store.sqlite import SqliteStore

__all__ = ["Document", "Key", "Store", "Write", "open_store"]


async def open_store(data_dir: Path) -> Store:
    """Open the embedded default store under `data_dir`."""
    store = SqliteStore(data_dir / "rolecall.sqlite3")
    await store.open()
    return store

"""The one storage interface every part of rolecall uses.

A small async document store: documents are JSON-able dicts filed under a `kind` and a key of
string parts whose first part is always the tenant (or project), so tenancy is in every key.
SQLite is the embedded default; etcd (server.store.etcd) is the replicated one, which is why
nothing outside `server.store` may know what backs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from server.domain.errors import NotOwner, Unavailable

Key = tuple[str, ...]
Document = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Write:
    """One change in an atomic batch: `doc=None` deletes the key."""

    kind: str
    key: Key
    doc: Mapping[str, Any] | None


class Store(Protocol):
    """Async document store. All methods are safe to call concurrently from one event loop."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def get(self, kind: str, key: Key) -> Document | None:
        """The document at `key`, or None."""
        ...

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        """Create or replace the document at `key`."""
        ...

    async def create(self, kind: str, key: Key, doc: Mapping[str, Any]) -> bool:
        """Store `doc` only if `key` is free; False if it was taken."""
        ...

    async def delete(self, kind: str, key: Key) -> bool:
        """Remove the document at `key`; False if there was none."""
        ...

    async def scan(self, kind: str, prefix: Key = ()) -> list[tuple[Key, Document]]:
        """Every document of `kind` whose key starts with `prefix`, in key order."""
        ...

    async def write(self, writes: Sequence[Write]) -> None:
        """Apply puts and deletes atomically: all or none."""
        ...


class StoreUnavailable(Unavailable):
    """The store could not be reached in time; nothing is known to have been written."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "STORE_UNAVAILABLE",
            "The store cannot be reached right now." + (f" ({detail})" if detail else ""),
            "Retry later; another replica may serve the request.",
        )


class StoreLost(Unavailable):
    """The store can no longer keep writes (its file was removed, replaced or damaged while
    rolecall ran). Every later write is refused the same way: answering OK for a write that a
    restart would not find is worse than refusing it."""

    def __init__(self) -> None:
        super().__init__(
            "STORE_LOST",
            "The server's store can no longer keep changes; nothing was written.",
            "Tell the operator: the data directory must be restored and rolecall restarted.",
        )


class DamagedStore(Exception):
    """The store cannot be opened: its file is not a database, or a damaged one. Raised at
    start, before anything is served; the message names the file."""


class DamagedDocument(Unavailable):
    """One stored document cannot be read; it is kept aside (not loaded, not deleted) and the
    rest of the store serves."""

    def __init__(self, kind: str, key: Key) -> None:
        super().__init__(
            "DOCUMENT_DAMAGED",
            f"The stored {kind} {'/'.join(key)!r} is damaged and kept aside.",
            "Tell the operator: the server log names the document.",
        )


@runtime_checkable
class ReportsFaults(Protocol):
    """A store that can tell, once, that it stopped keeping writes (health goes NOT_SERVING)."""

    def on_fault(self, callback: Callable[[str], None]) -> None: ...


class FencedOut(NotOwner):
    """A write guarded by shard ownership was refused: this replica no longer owns `shards`
    (its lease expired or they moved), so it must not write them. Nothing was written.
    `owners`: for shards another replica holds now, the holder its owner key names."""

    def __init__(self, shards: Iterable[int], owners: Mapping[int, str] | None = None) -> None:
        super().__init__(None)
        self.shards = frozenset(shards)
        self.owners = dict(owners or {})

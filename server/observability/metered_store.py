"""A Store that times every commit (write, put, create, delete) and counts the failed ones.

It wraps whatever backs the store (SQLite, etcd), so commit latency is measured at the one
interface every part of rolecall writes through, and no use case needs a line for it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Mapping, Sequence
from typing import Any, TypeVar

from prometheus_client import Counter, Histogram

from server.observability.metrics import Metrics
from server.store.base import Document, Key, Store, Write

T = TypeVar("T")


class MeteredStore:
    def __init__(self, store: Store, metrics: Metrics) -> None:
        self.inner = store
        self._ops: dict[str, tuple[Histogram, Counter]] = metrics.store_ops

    async def _commit(self, operation: str, call: Awaitable[T]) -> T:
        latency, failures = self._ops[operation]
        start = time.perf_counter()
        try:
            return await call
        except Exception:
            failures.inc()
            raise
        finally:
            latency.observe(time.perf_counter() - start)

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    async def get(self, kind: str, key: Key) -> Document | None:
        return await self.inner.get(kind, key)

    async def scan(self, kind: str, prefix: Key = ()) -> list[tuple[Key, Document]]:
        return await self.inner.scan(kind, prefix)

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        await self._commit("put", self.inner.put(kind, key, doc))

    async def create(self, kind: str, key: Key, doc: Mapping[str, Any]) -> bool:
        return await self._commit("create", self.inner.create(kind, key, doc))

    async def delete(self, kind: str, key: Key) -> bool:
        return await self._commit("delete", self.inner.delete(kind, key))

    async def write(self, writes: Sequence[Write]) -> None:
        await self._commit("write", self.inner.write(writes))

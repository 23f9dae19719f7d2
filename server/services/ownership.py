"""Which sharded things this replica serves, with several replicas (server.services.shards).

One protocol for every sharded kind, so failover groups, TTL sessions and Freezer projects are
checked, loaded, given up and redirected by the same mechanism. A thing is named by its shard
key: (tenant, namespace, group) for a failover group, (tenant,) for a tenant's TTL sessions,
(project,) for a Freezer project's sessions and jobs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from server.domain.quotas import Quotas
from server.store.base import FencedOut, Store

ShardKey = tuple[str, ...]


class Ownership(Protocol):
    def check(self, key: ShardKey) -> None:
        """NotOwner (with the owner's address when known) unless this replica serves `key`."""
        ...

    def shard_of(self, key: ShardKey) -> int:
        """The shard `key` belongs to."""
        ...

    async def fenced(self, error: FencedOut) -> None:
        """The store refused a write of shards this replica lost: stop serving them now and
        unload them (through the drop callbacks)."""
        ...


@asynccontextmanager
async def giving_up_when_fenced(ownership: Ownership | None, key: ShardKey) -> AsyncIterator[None]:
    """Around writes of `key`'s shard: if the store fences one (the shard is another replica's
    now), give the shard up at once rather than at the next poll, and refuse the call with
    NOT_OWNER naming the new owner when the store told it."""
    try:
        yield
    except FencedOut as error:
        if ownership is None:
            raise
        await ownership.fenced(error)
        ownership.check(key)  # the shard is given up: this names its owner
        raise


class ShardedService:
    """A store-backed service whose things may be sharded among replicas: what it is given
    (its store, the tenants' quotas, the ownership of shards; None: one replica serves every
    thing) and its check that this replica serves a thing."""

    def __init__(self, store: Store, quotas: Quotas, ownership: Ownership | None) -> None:
        self._store = store
        self._quotas = quotas
        self._ownership = ownership

    def _check_served(self, key: ShardKey) -> None:
        """NotOwner (naming the owner when known) unless this replica serves `key`."""
        if self._ownership is not None:
            self._ownership.check(key)

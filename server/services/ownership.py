"""Which sharded things this replica serves, with several replicas (server.services.shards).

One protocol for every sharded kind, so failover groups, TTL sessions and Freezer projects are
checked, loaded and redirected by the same mechanism. A thing is named by its shard key:
(tenant, namespace, group) for a failover group, (tenant,) for a tenant's TTL sessions,
(project,) for a Freezer project's sessions and jobs.
"""

from __future__ import annotations

from typing import Protocol

ShardKey = tuple[str, ...]


class Ownership(Protocol):
    def check(self, key: ShardKey) -> None:
        """NotOwner (with the owner's address when known) unless this replica serves `key`."""
        ...

    def shard_of(self, key: ShardKey) -> int:
        """The shard `key` belongs to."""
        ...

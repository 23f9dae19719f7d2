"""A replica's shard ownership for service tests, without etcd (server.services.ownership)."""

from __future__ import annotations

from server.domain.errors import NotOwner
from server.services.ownership import ShardKey
from server.store.base import FencedOut

OTHER_OWNER = "other:1"


class FakeOwnership:
    """Two shards: a key whose last part (group, tenant or project) ends in "1" is in shard 1,
    any other in shard 0. `served` is what this replica serves; the rest is OTHER_OWNER's."""

    def __init__(self) -> None:
        self.served = {0, 1}

    def shard_of(self, key: ShardKey) -> int:
        return 1 if key[-1].endswith("1") else 0

    def check(self, key: ShardKey) -> None:
        if self.shard_of(key) not in self.served:
            raise NotOwner(OTHER_OWNER)

    async def fenced(self, error: FencedOut) -> None:
        """The store refused a write of lost shards: they are no longer served."""
        self.served -= error.shards

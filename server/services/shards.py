"""Shard ownership among rolecall replicas, held with etcd leases.

Each replica holds one etcd lease, kept alive every TTL/3, and registers its gRPC address under
`<prefix>c/members/`. It watches `<prefix>c/` (etcd Watch: members and shard owners) and on
every change, and at least every `poll_interval` as a safety net (and at each keep-alive), reads
the live members and the shard owners, computes the assignment (server.domain.shards.assign) and
moves toward it:
- a shard it should own whose owner key is free: it creates the owner key on its lease
  (a Txn that only succeeds if the key does not exist), loads the shard (`on_acquire`), then
  serves it;
- a shard it owns that should move: it stops serving it, flushes it (`on_release`, whose writes
  are still fenced by its lease), then deletes the owner key (only if still on its lease), so the
  new owner can take it, which it learns from its watch within milliseconds;
- a replica that dies stops renewing; etcd deletes its member and owner keys when the lease
  expires (TTL), and the others, told by their watches, take its shards at once.

Why the watch only wakes the poll, and the poll reads everything again: one code path decides,
from one consistent read; a missed, repeated or reordered event costs a read, never a wrong
view; and the slow poll still works when the watch stream is broken.

The store's writes of a shard are guarded by the owner key's lease (`guard`), so a replica that
lost a shard cannot write it, whatever it believes. Serving is guarded by time: `owns(shard)` is
true only while the lease is provably alive, i.e. before (time the last successful keep-alive was
sent + the TTL it granted); etcd cannot expire it earlier, so no other replica can own the shard
yet. Past that, with etcd unreachable, the replica owns nothing and says so (NOT_SERVING).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import KW_ONLY, dataclass, field

from etcd.api.etcdserverpb import rpc_pb2

from server.domain.errors import NotOwner
from server.domain.shards import DEFAULT_SHARDS, assign, shard_of
from server.services.ownership import ShardKey
from server.services.tasks import stop_task
from server.store.base import FencedOut, Key, StoreUnavailable
from server.store.etcd import EtcdClient, Guard, prefix_end

log = logging.getLogger("rolecall.shards")

# How many leading key parts name the sharded thing, per store kind: a failover group is
# (tenant, namespace, group); a tenant's TTL sessions are (tenant,) and a Freezer project's
# sessions and jobs (project,), because their quotas and (Freezer) read-modify-writes span the
# tenant or project. Kinds not listed belong to no shard and are never fenced (users, tokens).
SHARD_KEY_PARTS: dict[str, int] = {
    "failover_group": 3,
    "failover_epoch_floor": 3,
    "ttl_session": 1,
    "job_session": 1,
    "job": 1,
}

# Seconds between two polls at least (a burst of watch events is one or two polls).
MIN_POLL_GAP = 0.01

# Called with shards to load before serving them / to flush after no longer serving them.
ShardsCallback = Callable[[frozenset[int]], Awaitable[None]]


async def _nothing(shards: frozenset[int]) -> None:
    return None


@dataclass(slots=True)
class ShardSettings:
    advertise: str
    shards: int = DEFAULT_SHARDS
    lease_ttl: int = 3
    # The safety net: the view is read at least this often, whatever the watch says.
    poll_interval: float = 1.0


@dataclass(slots=True)
class ShardView:
    """What the last poll saw: live members, each owned shard's owner address and lease."""

    members: list[str] = field(default_factory=list)
    owners: dict[int, tuple[str, int]] = field(default_factory=dict)


@dataclass(eq=False)
class ShardManager:
    """This replica's shards; also the store's WriteGuard (see server.store.etcd)."""

    client: EtcdClient
    settings: ShardSettings
    _: KW_ONLY
    prefix: str = "/rolecall/"
    on_acquire: ShardsCallback = _nothing
    on_release: ShardsCallback = _nothing
    on_lost: ShardsCallback = _nothing

    def __post_init__(self) -> None:
        prefix = self.prefix
        self._members_prefix = f"{prefix}c/members/".encode()
        self._owners_prefix = f"{prefix}c/shards/".encode()
        self.lease = 0
        # loop.time() before which the lease cannot have expired at etcd.
        self._valid_until = 0.0
        self._next_keepalive = 0.0
        # Shards served now, and shards being flushed before hand-off (writable, not served).
        self.serving: set[int] = set()
        self._held: set[int] = set()
        self.view = ShardView()
        # Each shard's owner by the last computed assignment.
        self._planned: dict[int, str] = {}
        self._task: asyncio.Task[None] | None = None
        self.changed = asyncio.Event()
        # Set by the watch when a member or an owner key changed: poll now.
        self._wake = asyncio.Event()

    # -- keys ------------------------------------------------------------------------------

    def owner_key(self, shard: int) -> bytes:
        return self._owners_prefix + f"{shard:05d}".encode()

    def shard_for(self, kind: str, key: Key) -> int | None:
        parts = SHARD_KEY_PARTS.get(kind)
        if parts is None:
            return None
        return shard_of(key[:parts], self.settings.shards)

    # -- the hot path ----------------------------------------------------------------------

    def lease_valid(self) -> bool:
        return self.lease != 0 and asyncio.get_running_loop().time() < self._valid_until

    def owns(self, shard: int) -> bool:
        """Serve this shard now? (Owned, and the lease provably alive.)"""
        return shard in self.serving and self.lease_valid()

    def owner_of(self, shard: int) -> str | None:
        """The address of the shard's owner as last seen; while its owner key is free (a
        hand-off), the replica the assignment gives it to, which takes it within milliseconds.
        None when neither is known."""
        owner = self.view.owners.get(shard)
        return self._planned.get(shard) if owner is None else owner[0]

    # -- Ownership (server.services.ownership): a shard key is a group, tenant or project ----

    def shard_of(self, key: ShardKey) -> int:
        return shard_of(key, self.settings.shards)

    def check(self, key: ShardKey) -> None:
        """NotOwner unless this replica serves the key's shard now; names the owner when known."""
        shard = self.shard_of(key)
        if not self.owns(shard):
            raise NotOwner(self._other_owner(shard))

    def forward_target(self, key: ShardKey) -> str | None:
        """For the REST forwarding interceptor: the owner's address if another replica owns
        the key's shard, None to answer here (owned, or owner unknown: then NOT_OWNER is the
        answer)."""
        shard = self.shard_of(key)
        return None if self.owns(shard) else self._other_owner(shard)

    def _other_owner(self, shard: int) -> str | None:
        owner = self.owner_of(shard)
        return owner if owner != self.settings.advertise else None

    # -- WriteGuard --------------------------------------------------------------------------

    def guard(self, kind: str, key: Key) -> Guard | None:
        shard = self.shard_for(kind, key)
        if shard is None:
            return None
        # Past the lease's provable end, refuse here: etcd would refuse it too, or worse, the
        # write would wait for an unreachable cluster.
        if shard not in self._held or not self.lease_valid():
            raise FencedOut({shard})
        return Guard(shard, self.owner_key(shard), self.lease)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Register, take this replica's share, and keep at it in the background."""
        await self.poll()
        self._task = asyncio.create_task(self._run(), name="shard-manager")

    async def stop(self) -> None:
        """Hand every shard off cleanly: flush, release, leave (revoking the lease)."""
        await stop_task(self._task)
        self._task = None
        if self.lease:
            held = frozenset(self._held)
            self.serving.clear()
            try:
                if held:
                    await self.on_release(held)
                await self.client.lease_revoke(self.lease)
            except StoreUnavailable:
                log.warning("could not hand off shards cleanly: they move at lease expiry")
            self._held.clear()
            self.lease = 0

    async def _run(self) -> None:
        control = self._members_prefix[: -len(b"members/")]  # members and owners
        watch = asyncio.create_task(
            self.client.watch(control, prefix_end(control), self._wake.set), name="shard-watch"
        )
        try:
            while True:
                await self._until_woken()
                try:
                    await self.poll()
                except StoreUnavailable as error:
                    log.warning("etcd unavailable: %s", error.message)
                    await self._check_expired()
                except Exception:  # one bad poll must not stop ownership upkeep
                    log.exception("shard poll failed")
        finally:
            await stop_task(watch)

    async def _until_woken(self) -> None:
        """Until the watch reports a change, the lease is due for a keep-alive, or the safety
        net's interval has passed."""
        loop = asyncio.get_running_loop()
        wait = min(self.settings.poll_interval, self._next_keepalive - loop.time())
        with contextlib.suppress(TimeoutError):
            # Never a busy loop, even with a keep-alive overdue (etcd unreachable).
            async with asyncio.timeout(max(MIN_POLL_GAP, wait)):
                await self._wake.wait()
        self._wake.clear()

    # -- one step ----------------------------------------------------------------------------

    async def poll(self) -> None:
        loop = asyncio.get_running_loop()
        await self._check_expired()
        if self.lease == 0:
            await self._register()
        elif loop.time() >= self._next_keepalive:
            await self._keepalive()
        if self.lease == 0:
            return
        self.view = await self._read_view()
        owners = self._planned = assign(self.settings.shards, self.view.members)
        wanted = {s for s, m in owners.items() if m == self.settings.advertise}
        # Shards this replica holds but lost at etcd (key gone, or re-created on another lease).
        mine_at_etcd = {s for s, (_, lease) in self.view.owners.items() if lease == self.lease}
        lost = self._held - mine_at_etcd
        if lost:
            await self._drop(frozenset(lost))
        release = self._held - wanted
        if release:
            await self._release(frozenset(release))
        acquire = {s for s in wanted - self._held if s not in self.view.owners}
        if acquire:
            await self._acquire(acquire)
        # Owner keys on this lease whose load failed last time: load them again.
        adopt = frozenset((mine_at_etcd & wanted) - self._held)
        if adopt:
            await self._load(adopt)

    async def _check_expired(self) -> None:
        if self.lease and not self.lease_valid():
            log.warning("lease %x expired here: serving no shard until etcd answers", self.lease)
            self.lease = 0
            await self._drop(frozenset(self._held))

    async def _register(self) -> None:
        loop = asyncio.get_running_loop()
        sent = loop.time()
        granted = await self.client.lease_grant(self.settings.lease_ttl)
        lease, ttl = int(granted.ID), int(granted.TTL)
        member = json.dumps({"address": self.settings.advertise, "lease": lease}).encode()
        await self.client.put(
            rpc_pb2.PutRequest(
                key=self._members_prefix + self.settings.advertise.encode(),
                value=member,
                lease=lease,
            )
        )
        self.lease = lease
        self._valid_until = sent + ttl
        self._next_keepalive = loop.time() + ttl / 3
        log.info("registered as %s with lease %x", self.settings.advertise, lease)

    async def _keepalive(self) -> None:
        loop = asyncio.get_running_loop()
        sent = loop.time()
        # Never wait past the lease's end for an answer about it.
        try:
            async with asyncio.timeout(max(0.05, self._valid_until - sent)):
                ttl = await self.client.lease_keepalive(self.lease)
        except TimeoutError:
            raise StoreUnavailable("no keep-alive answer before the lease's end") from None
        if ttl <= 0:
            log.warning("lease %x is gone at etcd", self.lease)
            self.lease = 0
            await self._drop(frozenset(self._held))
            return
        self._valid_until = sent + ttl
        self._next_keepalive = loop.time() + ttl / 3

    async def _read_view(self) -> ShardView:
        members_range = rpc_pb2.RangeRequest(
            key=self._members_prefix, range_end=prefix_end(self._members_prefix)
        )
        owners_range = rpc_pb2.RangeRequest(
            key=self._owners_prefix, range_end=prefix_end(self._owners_prefix)
        )
        # One Txn: both lists at one revision.
        answer = await self.client.txn(
            rpc_pb2.TxnRequest(
                success=[
                    rpc_pb2.RequestOp(request_range=members_range),
                    rpc_pb2.RequestOp(request_range=owners_range),
                ]
            )
        )
        members = [
            kv.key[len(self._members_prefix) :].decode()
            for kv in answer.responses[0].response_range.kvs
        ]
        owners = {
            int(kv.key[len(self._owners_prefix) :]): (kv.value.decode(), int(kv.lease))
            for kv in answer.responses[1].response_range.kvs
        }
        return ShardView(members, owners)

    async def _acquire(self, shards: set[int]) -> None:
        value = self.settings.advertise.encode()

        async def take(shard: int) -> int | None:
            key = self.owner_key(shard)
            answer = await self.client.txn(
                rpc_pb2.TxnRequest(
                    compare=[
                        rpc_pb2.Compare(
                            result=rpc_pb2.Compare.EQUAL,
                            target=rpc_pb2.Compare.VERSION,
                            key=key,
                            version=0,
                        )
                    ],
                    success=[
                        rpc_pb2.RequestOp(
                            request_put=rpc_pb2.PutRequest(key=key, value=value, lease=self.lease)
                        )
                    ],
                )
            )
            return shard if answer.succeeded else None

        taken = frozenset(
            s for s in await asyncio.gather(*(take(s) for s in sorted(shards))) if s is not None
        )
        for shard in taken:
            self.view.owners[shard] = (self.settings.advertise, self.lease)
        if taken:
            await self._load(taken)

    async def _load(self, shards: frozenset[int]) -> None:
        """Load shards whose owner keys are on this lease, then serve them. A failed load
        (etcd slow, say) leaves them unheld, and the next poll loads them again."""
        self._held |= shards
        try:
            await self.on_acquire(shards)
        except BaseException:
            self._held -= shards
            raise
        self.serving |= shards
        self.changed.set()
        log.info("serving %d more shards (now %d)", len(shards), len(self.serving))

    async def _release(self, shards: frozenset[int]) -> None:
        self.serving -= shards
        self.changed.set()
        await self.on_release(shards)
        ops = [
            rpc_pb2.RequestOp(
                request_delete_range=rpc_pb2.DeleteRangeRequest(key=self.owner_key(s))
            )
            for s in sorted(shards)
        ]
        compares = [
            rpc_pb2.Compare(
                result=rpc_pb2.Compare.EQUAL,
                target=rpc_pb2.Compare.LEASE,
                key=self.owner_key(s),
                lease=self.lease,
            )
            for s in sorted(shards)
        ]
        await self.client.txn(rpc_pb2.TxnRequest(compare=compares, success=ops))
        self._held -= shards
        for shard in shards:
            self.view.owners.pop(shard, None)
        log.info("released %d shards (now %d)", len(shards), len(self._held))

    async def fenced(self, error: FencedOut) -> None:
        """etcd refused a write: the shards it names are not this replica's any more. Stop
        serving them now, not at the next poll, and remember who holds them, so that calls
        are sent there."""
        for shard in error.shards:
            owner = error.owners.get(shard)
            if owner is None:
                self.view.owners.pop(shard, None)
                # An owner key gone under us: maybe the lease itself; ask etcd at the next poll.
                self._next_keepalive = 0.0
            else:
                self.view.owners[shard] = (owner, 0)  # another lease; the next poll reads it
        await self._drop(error.shards & self._held)

    async def _drop(self, shards: frozenset[int]) -> None:
        """Shards lost without a hand-off: forget them; their writes would be fenced anyway."""
        if not shards:
            return
        self.serving -= shards
        self._held -= shards
        self.changed.set()
        await self.on_lost(shards)
        log.warning("lost %d shards", len(shards))

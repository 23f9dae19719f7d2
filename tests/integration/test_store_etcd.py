"""What only the etcd store does: URLs, fenced writes, member loss, auth, an unreachable cluster."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from etcd.api.etcdserverpb import rpc_pb2

from server.services.tasks import stop_task
from server.store import open_store
from server.store.base import FencedOut, Key, StoreUnavailable, Write
from server.store.etcd import EtcdSettings, EtcdStore, Guard, parse_etcd_url, prefix_end
from tests.etcd_cluster import EtcdCluster


def test_url_with_hosts_credentials_and_prefix() -> None:
    s = parse_etcd_url("etcd://alice:p%40ss@10.0.0.1:2379,10.0.0.2:2379/prod/rc")
    assert s.endpoints == ("10.0.0.1:2379", "10.0.0.2:2379")
    assert (s.user, s.password, s.prefix) == ("alice", "p@ss", "/prod/rc/")
    assert parse_etcd_url("etcd://h:1").prefix == "/rolecall/"
    assert parse_etcd_url("etcds://h:1").tls and not parse_etcd_url("etcd://h:1").tls


@pytest.mark.parametrize("url", ["http://h:1", "etcd://", "etcd://h", "etcd://h:x"])
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        parse_etcd_url(url)


def _settings(cluster: EtcdCluster, **kw: object) -> EtcdSettings:
    return EtcdSettings(tuple(cluster.endpoints), prefix=f"/test-{uuid.uuid4().hex}/", **kw)  # type: ignore[arg-type]


class OneShardGuard:
    """Every key of kind "g" belongs to shard 7, owned through `owner_key` under `lease`."""

    def __init__(self, owner_key: bytes, lease: int) -> None:
        self.owner_key, self.lease = owner_key, lease

    def guard(self, kind: str, key: Key) -> Guard | None:
        return Guard(7, self.owner_key, self.lease) if kind == "g" else None


@pytest.fixture
async def etcd_store(etcd_cluster: EtcdCluster) -> AsyncIterator[EtcdStore]:
    store = EtcdStore(_settings(etcd_cluster))
    await store.open()
    yield store
    await store.close()


async def test_writes_are_fenced_by_the_owner_lease(etcd_store: EtcdStore) -> None:
    client = etcd_store.client
    lease = (await client.lease_grant(10)).ID
    owner_key = (etcd_store.settings.prefix + "shard-owner/7").encode()
    await client.put(rpc_pb2.PutRequest(key=owner_key, value=b"me", lease=lease))
    etcd_store.guard = OneShardGuard(owner_key, lease)

    await etcd_store.write([Write("g", ("t", "a"), {"v": 1}), Write("u", ("t", "x"), {"v": 1})])
    assert await etcd_store.create("g", ("t", "b"), {"v": 1}) is True
    assert await etcd_store.create("g", ("t", "b"), {"v": 2}) is False  # taken, not fenced

    await client.lease_revoke(lease)  # the lease is gone: so is ownership
    with pytest.raises(FencedOut):
        await etcd_store.put("g", ("t", "a"), {"v": 2})
    with pytest.raises(FencedOut):
        await etcd_store.create("g", ("t", "c"), {"v": 1})
    with pytest.raises(FencedOut):
        await etcd_store.delete("g", ("t", "a"))
    assert await etcd_store.get("g", ("t", "a")) == {"v": 1}
    assert await etcd_store.get("g", ("t", "c")) is None
    await etcd_store.put("u", ("t", "x"), {"v": 2})  # keys of no shard are never fenced


async def test_another_owner_with_the_same_key_fences_too(etcd_store: EtcdStore) -> None:
    client = etcd_store.client
    owner_key = (etcd_store.settings.prefix + "shard-owner/7").encode()
    old, new = (await client.lease_grant(10)).ID, (await client.lease_grant(10)).ID
    await client.put(rpc_pb2.PutRequest(key=owner_key, value=b"new", lease=new))
    etcd_store.guard = OneShardGuard(owner_key, old)
    with pytest.raises(FencedOut):
        await etcd_store.write([Write("g", ("t", "a"), {"v": 1})])


async def test_open_store_picks_etcd_from_the_url(
    etcd_cluster: EtcdCluster, tmp_path: Path
) -> None:
    store = await open_store(tmp_path, etcd_cluster.url + f"/t-{uuid.uuid4().hex}")
    try:
        assert isinstance(store, EtcdStore)
        await store.put("g", ("t", "a"), {"v": 1})
        assert await store.get("g", ("t", "a")) == {"v": 1}
    finally:
        await store.close()


async def test_service_continues_while_a_member_is_down(tmp_path: Path) -> None:
    cluster = EtcdCluster(tmp_path / "etcd").start()
    store = EtcdStore(_settings(cluster))
    await store.open()
    try:
        for victim in range(3):  # each member in turn, whichever is leader
            cluster.kill(victim)
            for i in range(20):
                await store.put("g", ("t", f"{victim}-{i}"), {"i": i})
            cluster.restart(victim)
        assert len(await store.scan("g", ("t",))) == 60
    finally:
        await store.close()
        cluster.stop()


async def test_an_unreachable_cluster_fails_in_bounded_time(tmp_path: Path) -> None:
    cluster = EtcdCluster(tmp_path / "etcd").start()
    store = EtcdStore(_settings(cluster, call_timeout=1.0))
    await store.open()
    try:
        await store.put("g", ("t", "a"), {"v": 1})
        cluster.stop()
        with pytest.raises(StoreUnavailable):
            async with asyncio.timeout(5):
                await store.put("g", ("t", "a"), {"v": 2})
    finally:
        await store.close()
        cluster.stop()


async def test_user_and_password(tmp_path: Path) -> None:
    cluster = EtcdCluster(tmp_path / "etcd").start()
    try:
        await asyncio.to_thread(cluster.etcdctl, "user", "add", "root:rootpw")
        await asyncio.to_thread(cluster.etcdctl, "auth", "enable")
        store = EtcdStore(_settings(cluster, user="root", password="rootpw"))
        await store.open()
        try:
            await store.put("g", ("t", "a"), {"v": 1})
            assert await store.get("g", ("t", "a")) == {"v": 1}
            # A watch logs in too (etcd cancels an unauthenticated one: no change is reported).
            seen = asyncio.Event()
            prefix = store.settings.prefix.encode()
            watch = asyncio.create_task(store.client.watch(prefix, prefix_end(prefix), seen.set))
            await asyncio.wait_for(seen.wait(), 10)  # set up
            seen.clear()
            await store.put("g", ("t", "b"), {"v": 1})
            await asyncio.wait_for(seen.wait(), 10)  # the change reported
            await stop_task(watch)
        finally:
            await store.close()
        # etcdctl's --user form, NAME:PASSWORD, as --etcd-user.
        by_flag = await open_store(tmp_path, cluster.url + "/t", etcd_user="root:rootpw")
        try:
            await by_flag.put("g", ("t", "a"), {"v": 2})
        finally:
            await by_flag.close()
        anonymous = EtcdStore(_settings(cluster))
        with pytest.raises(grpc.aio.AioRpcError, match=r"user name is empty|permission denied"):
            await anonymous.open()
        await anonymous.close()
    finally:
        cluster.stop()

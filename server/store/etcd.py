"""The Store protocol on an etcd v3 cluster, and the small etcd client it and the shard module use.

Why our own client: of the maintained Python clients, `aetcd` talks to one endpoint only and
`etcd3aio` shadows googleapis on sys.path (see HA-AUTH-NOTES); etcd's API is a handful of unary
calls, so we call it through stubs generated from a minimal mirror of etcd's protos
(third_party/etcd) and keep the one thing a client must get right here: every attempt has a short
deadline (~0.5 s) and a failed attempt moves to the next endpoint, because a lost member makes the
cluster re-elect for 1-2 s and a long deadline on a dead member would hold the caller that long.

Layout: every document lives at `<prefix>d/<tenant>/<kind>/<rest of the key...>` (parts
%-escaped, so '/' separates them unambiguously), tenant first so etcd's per-prefix permissions
and operators' range reads can work per tenant. Values are JSON. A batch is one etcd Txn.

Fencing: a `WriteGuard` (the shard module) names, for each written key, the shard-owner key and
the lease this replica holds it with; the Txn then only applies if every such owner key is still
attached to that lease. A replica whose lease expired, or whose shard moved, cannot write.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, unquote

import grpc
from etcd.api.etcdserverpb import rpc_pb2, rpc_pb2_grpc

from server.store.base import Document, FencedOut, Key, StoreUnavailable, Write

log = logging.getLogger("rolecall.store.etcd")

T = TypeVar("T")

# Keys read per Range page when scanning.
SCAN_PAGE = 1000
# etcd answers these while a member is down, partitioned or re-electing: try another endpoint.
_RETRYABLE = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.UNKNOWN,
    }
)
_CHANNEL_OPTIONS = (
    ("grpc.max_receive_message_length", 64 * 1024 * 1024),
    # A member that comes back should be tried again soon, not after grpc's 120 s backoff cap.
    ("grpc.max_reconnect_backoff_ms", 1000),
    ("grpc.initial_reconnect_backoff_ms", 100),
)


@dataclass(frozen=True, slots=True)
class EtcdSettings:
    """Where the cluster is and how to talk to it."""

    endpoints: tuple[str, ...]
    prefix: str = "/rolecall/"
    # TLS to etcd (etcds://, or implied by a CA or client certificate); without a CA file the
    # system's roots verify etcd's certificate.
    tls: bool = False
    user: str | None = None
    password: str | None = None
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    # Each attempt on one endpoint; then the next endpoint is tried.
    attempt_timeout: float = 0.5
    # All attempts of one call together; past this the call fails with StoreUnavailable.
    call_timeout: float = 5.0


def parse_etcd_url(url: str) -> EtcdSettings:
    """`etcd[s]://[user:password@]host:port[,host:port...][/prefix/]` -> settings; etcds: TLS.

    Several hosts do not fit urllib's netloc (it wants one port), hence a small parser.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("etcd", "etcds"):
        raise ValueError("an etcd store URL starts with etcd:// (or etcds:// for TLS)")
    authority, slash, path = rest.partition("/")
    user = password = None
    if "@" in authority:
        userinfo, _, authority = authority.rpartition("@")
        user_part, _, password_part = userinfo.partition(":")
        user, password = unquote(user_part), unquote(password_part)
    endpoints = tuple(e.strip() for e in authority.split(",") if e.strip())
    if not endpoints:
        raise ValueError("an etcd store URL names at least one host:port")
    for endpoint in endpoints:
        host, _, port = endpoint.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"etcd endpoint {endpoint!r} is not host:port")
    prefix = "/" + path.strip("/") + "/" if slash and path.strip("/") else "/rolecall/"
    return EtcdSettings(
        endpoints=endpoints, prefix=prefix, user=user, password=password, tls=scheme == "etcds"
    )


def prefix_end(prefix: bytes) -> bytes:
    """The first key after every key starting with `prefix` (etcd's range_end for a prefix)."""
    end = bytearray(prefix)
    for i in range(len(end) - 1, -1, -1):
        if end[i] < 0xFF:
            end[i] += 1
            return bytes(end[: i + 1])
    return b"\x00"


class EtcdClient:
    """Unary etcd calls over a list of endpoints, each attempt with a short deadline."""

    def __init__(self, settings: EtcdSettings) -> None:
        self.settings = settings
        self._channels: list[grpc.aio.Channel] = []
        self._kv: list[rpc_pb2_grpc.KVStub] = []
        self._lease: list[rpc_pb2_grpc.LeaseStub] = []
        self._auth: list[rpc_pb2_grpc.AuthStub] = []
        self._watch: list[rpc_pb2_grpc.WatchStub] = []
        # The endpoint that answered last: tried first next time.
        self._current = 0
        self._token: str | None = None

    async def open(self) -> None:
        credentials = self._credentials()
        for endpoint in self.settings.endpoints:
            if credentials is None:
                channel = grpc.aio.insecure_channel(endpoint, options=_CHANNEL_OPTIONS)
            else:
                channel = grpc.aio.secure_channel(endpoint, credentials, options=_CHANNEL_OPTIONS)
            self._channels.append(channel)
            self._kv.append(rpc_pb2_grpc.KVStub(channel))
            self._lease.append(rpc_pb2_grpc.LeaseStub(channel))
            self._auth.append(rpc_pb2_grpc.AuthStub(channel))
            self._watch.append(rpc_pb2_grpc.WatchStub(channel))

    def _credentials(self) -> grpc.ChannelCredentials | None:
        s = self.settings
        if not s.tls and s.ca_file is None and s.cert_file is None:
            return None
        if (s.cert_file is None) != (s.key_file is None):
            raise ValueError("an etcd client certificate and its key go together")

        def read(path: Path | None) -> bytes | None:
            return None if path is None else path.read_bytes()

        return grpc.ssl_channel_credentials(
            root_certificates=read(s.ca_file),
            private_key=read(s.key_file),
            certificate_chain=read(s.cert_file),
        )

    async def close(self) -> None:
        for channel in self._channels:
            await channel.close(None)
        self._channels.clear()
        self._kv.clear()
        self._lease.clear()
        self._auth.clear()
        self._watch.clear()

    # -- the retry loop --------------------------------------------------------------------

    async def call(
        self, attempt: Callable[[int, tuple[tuple[str, str], ...], float], Awaitable[T]]
    ) -> T:
        """Run `attempt(endpoint index, metadata, timeout)` until one endpoint answers.

        A retryable failure moves to the next endpoint; after a full round without an answer it
        waits a little (jittered) before the next round; past `call_timeout` it gives up.
        """
        if not self._channels:
            raise StoreUnavailable("the etcd client is not open")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.call_timeout
        count = len(self._channels)
        last: grpc.aio.AioRpcError | None = None
        reauthenticated = False
        for tries in itertools.count():
            index = (self._current + tries) % count
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            if tries and tries % count == 0:
                await asyncio.sleep(min(remaining, random.uniform(0.05, 0.15)))
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
            try:
                metadata = await self._metadata(
                    index, min(remaining, self.settings.attempt_timeout)
                )
                result = await attempt(
                    index, metadata, min(remaining, self.settings.attempt_timeout)
                )
            except grpc.aio.AioRpcError as error:
                last = error
                if error.code() == grpc.StatusCode.UNAUTHENTICATED and not reauthenticated:
                    # Tokens expire (etcd's simple tokens after 5 min idle): log in again once.
                    self._token = None
                    reauthenticated = True
                    continue
                if error.code() not in _RETRYABLE:
                    raise
                continue
            self._current = index
            return result
        detail = "no endpoint answered" if last is None else f"{last.code().name}: {last.details()}"
        raise StoreUnavailable(detail)

    async def _metadata(self, index: int, deadline: float) -> tuple[tuple[str, str], ...]:
        s = self.settings
        if s.user is None:
            return ()
        if self._token is None:
            answer = await self._auth[index].Authenticate(
                rpc_pb2.AuthenticateRequest(name=s.user, password=s.password or ""),
                timeout=deadline,
            )
            self._token = str(answer.token)
        return (("token", self._token),)

    # -- calls -----------------------------------------------------------------------------

    async def range(self, request: rpc_pb2.RangeRequest) -> rpc_pb2.RangeResponse:
        return await self.call(lambda i, md, t: self._kv[i].Range(request, metadata=md, timeout=t))

    async def txn(self, request: rpc_pb2.TxnRequest) -> rpc_pb2.TxnResponse:
        return await self.call(lambda i, md, t: self._kv[i].Txn(request, metadata=md, timeout=t))

    async def put(self, request: rpc_pb2.PutRequest) -> rpc_pb2.PutResponse:
        return await self.call(lambda i, md, t: self._kv[i].Put(request, metadata=md, timeout=t))

    async def delete_range(
        self, request: rpc_pb2.DeleteRangeRequest
    ) -> rpc_pb2.DeleteRangeResponse:
        return await self.call(
            lambda i, md, t: self._kv[i].DeleteRange(request, metadata=md, timeout=t)
        )

    async def lease_grant(self, ttl: int) -> rpc_pb2.LeaseGrantResponse:
        request = rpc_pb2.LeaseGrantRequest(TTL=ttl)
        return await self.call(
            lambda i, md, t: self._lease[i].LeaseGrant(request, metadata=md, timeout=t)
        )

    async def lease_revoke(self, lease_id: int) -> None:
        """Revoke a lease; one that is already gone counts as revoked."""
        request = rpc_pb2.LeaseRevokeRequest(ID=lease_id)
        try:
            await self.call(
                lambda i, md, t: self._lease[i].LeaseRevoke(request, metadata=md, timeout=t)
            )
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise

    async def lease_keepalive(self, lease_id: int) -> int:
        """Renew a lease once; its new TTL in seconds (0 or less: the lease is gone)."""

        async def attempt(i: int, md: tuple[tuple[str, str], ...], deadline: float) -> int:
            # One renewal per short stream: the retry loop can then move it to another member.
            call = self._lease[i].LeaseKeepAlive(metadata=md, timeout=deadline)
            try:
                await call.write(rpc_pb2.LeaseKeepAliveRequest(ID=lease_id))
                answer = await call.read()
            finally:
                call.cancel()
            if answer is grpc.aio.EOF:  # type: ignore[attr-defined]
                raise StoreUnavailable("keep-alive stream ended")
            return int(answer.TTL)

        return await self.call(attempt)

    async def watch(self, key: bytes, range_end: bytes, on_change: Callable[[], None]) -> None:
        """Watch the keys in [key, range_end) until cancelled. `on_change()` is called once the
        watcher is set up (so a change between the caller's last read and now is not missed)
        and after every answer carrying changes: callers re-read what they need, so a change
        reported twice or a watcher opened again costs one read, never a wrong view.

        A stream that breaks (member lost, cut off from the leader: `hasleader` makes etcd end
        such a watcher rather than leave it silent) is opened again on the next endpoint after
        a short jittered pause.
        """
        failures = 0
        while True:
            if not self._channels:
                raise StoreUnavailable("the etcd client is not open")
            # The endpoint unary calls use; after failures, the next ones in turn.
            index = (self._current + failures) % len(self._channels)
            call = None
            try:
                metadata = await self._metadata(index, self.settings.attempt_timeout)
                call = self._watch[index].Watch(metadata=(*metadata, ("hasleader", "true")))
                create = rpc_pb2.WatchCreateRequest(key=key, range_end=range_end)
                await call.write(rpc_pb2.WatchRequest(create_request=create))
                async for answer in call:
                    if answer.canceled:
                        log.warning("etcd ended a watch: %s", answer.cancel_reason)
                        break
                    if answer.created or answer.events:
                        failures = 0
                        on_change()
            except grpc.aio.AioRpcError as error:
                if error.code() == grpc.StatusCode.UNAUTHENTICATED:
                    self._token = None  # expired: log in again
                log.info("etcd watch broke: %s", error.code().name)
            finally:
                if call is not None:
                    call.cancel()
            failures += 1
            await asyncio.sleep(min(1.0, 0.05 * 2**failures) * random.uniform(0.5, 1.0))


# -- the Store ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guard:
    """A write of some key is allowed only while `owner_key` is attached to `lease`."""

    shard: int
    owner_key: bytes
    lease: int


class WriteGuard(Protocol):
    def guard(self, kind: str, key: Key) -> Guard | None:
        """The ownership a write of `key` needs, None if the key belongs to no shard; raises
        FencedOut if this replica knows it does not own the key's shard."""
        ...


def _part(text: str) -> str:
    return quote(text, safe="")


class EtcdStore:
    """The Store protocol on etcd; see the module docstring for the layout and fencing."""

    def __init__(
        self,
        settings: EtcdSettings,
        *,
        client: EtcdClient | None = None,
        guard: WriteGuard | None = None,
    ) -> None:
        self.settings = settings
        self.client = client or EtcdClient(settings)
        self._owns_client = client is None
        self.guard = guard
        self._data = (settings.prefix + "d/").encode()

    # -- keys ------------------------------------------------------------------------------

    def encode(self, kind: str, key: Key) -> bytes:
        if not key:
            raise ValueError("a key needs at least one part (the tenant)")
        parts = [_part(key[0]), _part(kind), *(_part(p) for p in key[1:])]
        return self._data + "/".join(parts).encode()

    def _decode(self, raw: bytes) -> tuple[str, Key]:
        tenant, kind, *rest = raw[len(self._data) :].decode().split("/")
        return unquote(kind), (unquote(tenant), *(unquote(p) for p in rest))

    # -- lifecycle -------------------------------------------------------------------------

    async def open(self) -> None:
        if self._owns_client:
            await self.client.open()
        # Fail fast with a clear error if the cluster is not there at all.
        await self.client.range(rpc_pb2.RangeRequest(key=self._data, count_only=True))

    async def close(self) -> None:
        if self._owns_client:
            await self.client.close()

    # -- reads -----------------------------------------------------------------------------

    async def get(self, kind: str, key: Key) -> Document | None:
        answer = await self.client.range(rpc_pb2.RangeRequest(key=self.encode(kind, key)))
        return _loads(answer.kvs[0].value) if answer.kvs else None

    async def scan(self, kind: str, prefix: Key = ()) -> list[tuple[Key, Document]]:
        if prefix:
            start = self.encode(kind, prefix) + b"/"
        else:
            start = self._data
        end = prefix_end(start)
        rows: list[tuple[Key, Document]] = []
        revision = 0
        key = start
        while True:
            # Every page at the first page's revision: one consistent snapshot.
            answer = await self.client.range(
                rpc_pb2.RangeRequest(key=key, range_end=end, limit=SCAN_PAGE, revision=revision)
            )
            revision = revision or answer.header.revision
            for kv in answer.kvs:
                found_kind, found_key = self._decode(kv.key)
                if found_kind == kind:
                    rows.append((found_key, _loads(kv.value)))
            if not answer.more or not answer.kvs:
                return rows
            key = answer.kvs[-1].key + b"\x00"

    # -- writes ----------------------------------------------------------------------------

    def _guards(self, writes: Sequence[tuple[str, Key]]) -> list[Guard]:
        if self.guard is None:
            return []
        found: dict[bytes, Guard] = {}
        for kind, key in writes:
            guard = self.guard.guard(kind, key)
            if guard is not None:
                found[guard.owner_key] = guard
        return list(found.values())

    async def _guarded_txn(
        self,
        guards: list[Guard],
        compares: list[rpc_pb2.Compare],
        success: list[rpc_pb2.RequestOp],
        failure: Sequence[rpc_pb2.RequestOp] = (),
    ) -> rpc_pb2.TxnResponse:
        """A Txn whose guard also checks shard ownership. Ownership failing raises FencedOut;
        the caller's own compares failing returns the answer with `succeeded` false."""
        owner_compares = [
            rpc_pb2.Compare(
                result=rpc_pb2.Compare.EQUAL,
                target=rpc_pb2.Compare.LEASE,
                key=g.owner_key,
                lease=g.lease,
            )
            for g in guards
        ]
        answer = await self.client.txn(
            rpc_pb2.TxnRequest(
                compare=[*owner_compares, *compares], success=success, failure=failure
            )
        )
        if answer.succeeded or not guards:
            return answer
        # Tell an ownership failure from the caller's compare failing: read the owner keys, so
        # the writer learns every shard it lost and who holds each now (an owner key's value
        # names its holder).
        check = await self.client.txn(
            rpc_pb2.TxnRequest(
                success=[
                    rpc_pb2.RequestOp(request_range=rpc_pb2.RangeRequest(key=g.owner_key))
                    for g in guards
                ]
            )
        )
        lost: set[int] = set()
        owners: dict[int, str] = {}
        for g, response in zip(guards, check.responses, strict=True):
            kvs = response.response_range.kvs
            if not kvs or kvs[0].lease != g.lease:
                lost.add(g.shard)
                if kvs:
                    owners[g.shard] = kvs[0].value.decode(errors="replace")
        if lost:
            raise FencedOut(lost, owners)
        if not compares:
            # Owned again by now, so it was not owned when the Txn ran (a shard dropped and
            # taken back meanwhile): nothing was written; the caller retries like any failure.
            raise StoreUnavailable("shard ownership changed during the write")
        return answer

    async def put(self, kind: str, key: Key, doc: Mapping[str, Any]) -> None:
        await self.write([Write(kind, key, doc)])

    async def create(self, kind: str, key: Key, doc: Mapping[str, Any]) -> bool:
        raw, value = self.encode(kind, key), _dumps(doc)
        guards = self._guards([(kind, key)])
        answer = await self._guarded_txn(
            guards,
            [
                rpc_pb2.Compare(
                    result=rpc_pb2.Compare.EQUAL, target=rpc_pb2.Compare.VERSION, key=raw
                )
            ],
            [rpc_pb2.RequestOp(request_put=rpc_pb2.PutRequest(key=raw, value=value))],
            [rpc_pb2.RequestOp(request_range=rpc_pb2.RangeRequest(key=raw))],
        )
        if answer.succeeded:
            return True
        # An attempt that timed out after etcd applied it is retried and finds the key taken:
        # taken by exactly our document means the first attempt created it.
        kvs = answer.responses[0].response_range.kvs if answer.responses else []
        return bool(kvs) and kvs[0].value == value

    async def delete(self, kind: str, key: Key) -> bool:
        raw = self.encode(kind, key)
        guards = self._guards([(kind, key)])
        answer = await self._guarded_txn(
            guards,
            [],
            [rpc_pb2.RequestOp(request_delete_range=rpc_pb2.DeleteRangeRequest(key=raw))],
        )
        return answer.responses[0].response_delete_range.deleted > 0

    async def write(self, writes: Sequence[Write]) -> None:
        # etcd refuses a Txn that touches one key twice; the last write of a key wins, as in a
        # sequential batch.
        last: dict[bytes, Write] = {}
        for w in writes:
            last[self.encode(w.kind, w.key)] = w
        if not last:
            return
        ops = [
            rpc_pb2.RequestOp(request_delete_range=rpc_pb2.DeleteRangeRequest(key=raw))
            if w.doc is None
            else rpc_pb2.RequestOp(request_put=rpc_pb2.PutRequest(key=raw, value=_dumps(w.doc)))
            for raw, w in last.items()
        ]
        guards = self._guards([(w.kind, w.key) for w in last.values()])
        await self._guarded_txn(guards, [], ops)


def _dumps(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def _loads(raw: bytes) -> Document:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("stored document is not a JSON object")
    return value

"""REST through any replica: a transcoded call for a shard another replica owns is forwarded.

With several replicas on etcd each failover group, each tenant's TTL sessions and each Freezer
project are served by the owner of their shard (server.services.ownership). gRPC
clients are told the owner (UNAVAILABLE, NOT_OWNER, `x-rolecall-owner`) and reconnect there.
REST clients cannot follow that, so a call that came through this replica's Envoy (Envoy's
transcoder adds `x-envoy-original-path`) for a group owned elsewhere is sent on, once, to the
owner's gRPC port, and the owner's answer (message, status and trailing metadata such as the
error body) goes back unchanged.

Why here and not Envoy hash routing: ownership follows the rendezvous assignment over live
replicas and moves on every join, leave and lease expiry; an Envoy hash ring over a static peer
list would disagree with it after every such change, and the replica would have to forward
anyway. One extra hop for REST, none for gRPC clients (they talk to the owner).

Unary and server-streaming calls are forwarded when their shard key is known: a failover
request's group (`tenant_id`, `namespace_id`, `group_id`, or `group.id`, which a REST create
carries in its still unparsed body's `Id`), a TTL call's
`x-g4-tenant` header, a Freezer request's `project_id`. A forwarded call is marked
(`x-rolecall-forwarded`) and never forwarded again, so a stale view on both sides cannot make a
loop. With TLS on the gRPC ports the forwarding channel uses TLS too (`credentials`, built by
the app from the replica's own certificate and CA).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

import grpc

from server.api.ttl import TENANT_HEADER
from server.services.ownership import ShardKey

GATEWAY_HEADER = "x-envoy-original-path"
FORWARDED_HEADER = "x-rolecall-forwarded"
# Request metadata not passed on: HTTP/2 and gRPC framing headers the channel sets itself.
_NOT_FORWARDED = frozenset(
    {"content-type", "te", "user-agent", "grpc-accept-encoding", "grpc-timeout", "host"}
)


class OwnerLookup(Protocol):
    def forward_target(self, key: ShardKey) -> str | None:
        """The owner's gRPC address if another replica owns the key's shard, else None."""
        ...


def group_of(request: Any, metadata: dict[str, Any]) -> ShardKey | None:
    """(tenant, namespace, group) named by a failover request, None if it names no group."""
    tenant = getattr(request, "tenant_id", "")
    namespace = getattr(request, "namespace_id", "")
    group = getattr(request, "group_id", "")
    if not group and request.DESCRIPTOR.fields_by_name.get("group") is not None:
        group = getattr(request.group, "id", "") or _rest_body_id(request)
    if not (tenant and namespace and group):
        return None
    return tenant, namespace, group


def _rest_body_id(request: Any) -> str:
    """The `Id` of a REST body not parsed yet (CreateGroup names its group only there); the
    owner parses the body strictly. "" when there is none: the call is then answered here."""
    body = getattr(request, "http_body", None)
    if body is None or not body.data:
        return ""
    try:
        document = json.loads(body.data)
    except ValueError:
        return ""
    found = document.get("Id") if isinstance(document, dict) else None
    return found if isinstance(found, str) else ""


def ttl_tenant_of(request: Any, metadata: dict[str, Any]) -> ShardKey | None:
    """(tenant,) of a TTL session call: its tenant is the `x-g4-tenant` header."""
    tenant = metadata.get(TENANT_HEADER)
    return (tenant,) if isinstance(tenant, str) and tenant else None


def project_of(request: Any, metadata: dict[str, Any]) -> ShardKey | None:
    """(project,) of a Freezer call."""
    project = getattr(request, "project_id", "")
    return (project,) if project else None


# Per forwarded service (method-name prefix): where a request names its shard key.
SHARD_KEY_OF: dict[str, Callable[[Any, dict[str, Any]], ShardKey | None]] = {
    "/rolecall.failover.v1.": group_of,
    "/rolecall.ttl.v1.": ttl_tenant_of,
    "/rolecall.jobs.v1.": project_of,
}
_SERVICES = tuple(SHARD_KEY_OF)


def shard_key_of(method: str, request: Any, metadata: dict[str, Any]) -> ShardKey | None:
    for prefix, key_of in SHARD_KEY_OF.items():
        if method.startswith(prefix):
            return key_of(request, metadata)
    return None


def _identity(raw: bytes) -> bytes:
    return raw


class ForwardingInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc,type-arg]
    def __init__(
        self, owners: OwnerLookup, credentials: grpc.ChannelCredentials | None = None
    ) -> None:
        self._owners = owners
        self._credentials = credentials
        self._channels: dict[str, grpc.aio.Channel] = {}

    async def close(self) -> None:
        for channel in self._channels.values():
            await channel.close(None)
        self._channels.clear()

    def _channel(self, target: str) -> grpc.aio.Channel:
        channel = self._channels.get(target)
        if channel is None:
            if self._credentials is None:
                channel = grpc.aio.insecure_channel(target)
            else:
                channel = grpc.aio.secure_channel(target, self._credentials)
            self._channels[target] = channel
        return channel

    def _target(
        self, method: str, request: Any, context: grpc.aio.ServicerContext[Any, Any]
    ) -> tuple[str, list[tuple[str, str | bytes]]] | None:
        metadata = list(context.invocation_metadata() or ())
        headers = dict(metadata)
        if GATEWAY_HEADER not in headers or FORWARDED_HEADER in headers:
            return None
        key = shard_key_of(method, request, headers)
        if key is None:
            return None
        target = self._owners.forward_target(key)
        if target is None:
            return None
        passed = [(k, v) for k, v in metadata if k not in _NOT_FORWARDED and not k.startswith(":")]
        return target, [*passed, (FORWARDED_HEADER, "1")]

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Any]],
        details: grpc.HandlerCallDetails,
    ) -> Any:
        handler: Any = await continuation(details)
        method: str = details.method
        if handler is None or not method.startswith(_SERVICES):
            return handler
        if handler.unary_unary is not None:
            return self._unary(method, handler)
        if handler.unary_stream is not None:
            return self._server_streaming(method, handler)
        return handler

    async def _forward(
        self,
        forward: tuple[str, list[tuple[str, str | bytes]]],
        method: str,
        raw: bytes,
        context: grpc.aio.ServicerContext[Any, Any],
        *,
        streaming: bool,
    ) -> Any:
        """The call of `method` on the owner, its initial metadata already passed on."""
        target, metadata = forward
        channel = self._channel(target)
        open_call = channel.unary_stream if streaming else channel.unary_unary
        call = open_call(method, request_serializer=_identity, response_deserializer=_identity)
        pending = call(raw, metadata=metadata, timeout=context.time_remaining())
        await _relay_initial(context, pending)
        return pending

    def _unary(self, method: str, handler: Any) -> grpc.RpcMethodHandler[Any, Any]:
        inner = handler.unary_unary
        serialize = handler.response_serializer

        async def behavior(raw: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
            request = handler.request_deserializer(raw)
            forward = self._target(method, request, context)
            if forward is None:
                return serialize(await inner(request, context))  # type: ignore[no-any-return]
            try:
                pending = await self._forward(forward, method, raw, context, streaming=False)
                answer: bytes = await pending
            except grpc.aio.AioRpcError as error:
                await _relay_error(context, error)
            return answer

        return grpc.unary_unary_rpc_method_handler(behavior)

    def _server_streaming(self, method: str, handler: Any) -> grpc.RpcMethodHandler[Any, Any]:
        inner = handler.unary_stream
        serialize = handler.response_serializer

        async def behavior(
            raw: bytes, context: grpc.aio.ServicerContext[Any, Any]
        ) -> AsyncIterator[bytes]:
            request = handler.request_deserializer(raw)
            forward = self._target(method, request, context)
            if forward is None:
                async for message in inner(request, context):
                    yield serialize(message)
                return
            try:
                pending = await self._forward(forward, method, raw, context, streaming=True)
                async for message in pending:
                    yield message
            except grpc.aio.AioRpcError as error:
                await _relay_error(context, error)

        return grpc.unary_stream_rpc_method_handler(behavior)


async def _relay_initial(context: grpc.aio.ServicerContext[Any, Any], call: Any) -> None:
    """Pass on the owner's initial metadata (e.g. `x-http-status: 201` for the gateway)."""
    initial = tuple((k, v) for k, v in (await call.initial_metadata() or ()) if k.startswith("x-"))
    if initial:
        await context.send_initial_metadata(initial)


async def _relay_error(
    context: grpc.aio.ServicerContext[Any, Any], error: grpc.aio.AioRpcError
) -> None:
    """End this call as the owner ended it: same code, message and trailing metadata."""
    trailing: Any = tuple(error.trailing_metadata() or ())
    await context.abort(error.code(), error.details() or "", trailing_metadata=trailing)

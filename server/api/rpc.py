"""What every servicer method shares: error mapping, REST status hints, JSON body checks.

Servicer methods are plain translations; `RpcSurface.unary` / `.server_stream` wrap them so a
DomainError becomes the API's documented error, a bug becomes a logged INTERNAL, and unknown
JSON fields in a REST body (the transcoder drops them silently) are refused with 400.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any, TypeVar

import grpc
from google.api import annotations_pb2
from google.protobuf.descriptor import Descriptor, FieldDescriptor, ServiceDescriptor

from server.api.errors import INTERNAL_ERROR, ErrorBody, abort
from server.domain.errors import DomainError, InvalidArgument

log = logging.getLogger("rolecall.api")

Req = TypeVar("Req")
Resp = TypeVar("Resp")
Ctx = grpc.aio.ServicerContext[Any, Any]

# Set by the gateway's Lua filter: the dotted key paths found in a REST JSON body.
JSON_KEYS_HEADER = "x-json-keys"

# Messages whose JSON form is not their fields (anything below them is the client's own data).
_OPAQUE_JSON = frozenset(
    "google.protobuf." + name
    for name in (
        "Timestamp Duration Struct Value ListValue Any FieldMask Empty DoubleValue FloatValue "
        "Int64Value UInt64Value Int32Value UInt32Value BoolValue StringValue BytesValue"
    ).split()
)


def _json_fields(descriptor: Descriptor) -> dict[str, FieldDescriptor]:
    fields: dict[str, FieldDescriptor] = {}
    for field in descriptor.fields:
        fields[field.name] = field
        fields[field.json_name] = field
    return fields


def unknown_json_paths(root: Descriptor | None, paths: Iterable[str]) -> list[str]:
    """The key paths (as the gateway reports them) that `root`'s JSON form does not have."""
    unknown: list[str] = []
    for path in paths:
        descriptor = root
        segments = path.split(".")
        i = 0
        while i < len(segments) and descriptor is not None:
            name = segments[i].removesuffix("[]")
            i += 1
            if not name:
                continue
            field = _json_fields(descriptor).get(name)
            if field is None:
                unknown.append(path)
                break
            target = field.message_type
            if target is not None and target.GetOptions().map_entry:
                i += 1  # the next segment is a map key, whatever it is
                target = target.fields_by_name["value"].message_type
            if target is None or target.full_name in _OPAQUE_JSON:
                break  # a scalar or opaque JSON: what lies below is the transcoder's business
            descriptor = target
    return unknown


def _http_body_descriptor(service: ServiceDescriptor, method: str) -> Descriptor | None:
    """The message a REST body of `method` maps to, or None if it takes no body."""
    rpc = service.methods_by_name[method]
    options = rpc.GetOptions()
    if not options.HasExtension(annotations_pb2.http):
        return None
    body = options.Extensions[annotations_pb2.http].body
    if not body:
        return None
    target = rpc.input_type if body == "*" else rpc.input_type.fields_by_name[body].message_type
    if target is None or target.full_name in _OPAQUE_JSON:
        return None  # a scalar or free JSON (Value, Struct): every key is the client's own
    return target


def metadata_value(context: Ctx, name: str) -> str | None:
    for key, value in context.invocation_metadata() or ():
        if key == name:
            return value if isinstance(value, str) else value.decode()
    return None


async def set_http_status(context: Ctx, status: int) -> None:
    """Ask the gateway for a REST success status other than 200 (201, 202, 204)."""
    await context.send_initial_metadata((("x-http-status", str(status)),))


def _check_json_keys(body: Descriptor | None, context: Ctx) -> None:
    keys = metadata_value(context, JSON_KEYS_HEADER)
    if not keys or body is None:
        return
    unknown = unknown_json_paths(body, keys.split(","))
    if unknown:
        raise InvalidArgument(
            "UNKNOWN_FIELD",
            f"The request body has fields this API does not know: {', '.join(unknown[:10])}.",
            "Remove the unknown fields; names are case-sensitive.",
        )


class RpcSurface:
    """Decorators for the methods of one gRPC service with one REST error body format."""

    def __init__(self, service: ServiceDescriptor, error_body: ErrorBody) -> None:
        self._service = service
        self._error_body = error_body

    async def _fail(self, context: Ctx, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            await abort(context, exc, self._error_body)
        log.exception("unhandled error in %s", self._service.full_name, exc_info=exc)
        await abort(context, INTERNAL_ERROR, self._error_body, internal=True)

    def unary(
        self, fn: Callable[[Any, Req, Ctx], Awaitable[Resp]]
    ) -> Callable[[Any, Req, Ctx], Awaitable[Resp]]:
        body = _http_body_descriptor(self._service, fn.__name__)

        @functools.wraps(fn)
        async def handler(servicer: Any, request: Req, context: Ctx) -> Resp:
            try:
                _check_json_keys(body, context)
                return await fn(servicer, request, context)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception as exc:
                await self._fail(context, exc)
                raise  # pragma: no cover - _fail always raises

        return handler

    def server_stream(
        self, fn: Callable[[Any, Req, Ctx], AsyncIterator[Resp]]
    ) -> Callable[[Any, Req, Ctx], AsyncIterator[Resp]]:
        self._service.methods_by_name[fn.__name__]  # fail at import on a misspelt name

        @functools.wraps(fn)
        async def handler(servicer: Any, request: Req, context: Ctx) -> AsyncIterator[Resp]:
            try:
                async for item in fn(servicer, request, context):
                    yield item
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception as exc:
                await self._fail(context, exc)

        return handler

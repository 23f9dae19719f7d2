"""What every servicer method shares: error mapping, REST status hints, strict JSON bodies.

Servicer methods are plain translations; `RpcSurface.unary` / `.server_stream` wrap them so a
REST body is parsed strictly into the typed request first (`server.api.json_body`: unknown
fields, bad JSON and deep nesting are 400), a DomainError becomes the API's documented error,
and a bug becomes a logged INTERNAL.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message import Message

from server.api.auth import authorize_request
from server.api.errors import ERROR_BODIES, INTERNAL_ERROR, ErrorBody, abort
from server.api.json_body import json_body_of, parse_json_body_async
from server.domain.errors import DomainError

log = logging.getLogger("rolecall.api")

Req = TypeVar("Req")
Resp = TypeVar("Resp")
Ctx = grpc.aio.ServicerContext[Any, Any]


def metadata_value(context: Ctx, name: str) -> str | None:
    for key, value in context.invocation_metadata() or ():
        if key == name:
            return value if isinstance(value, str) else value.decode()
    return None


async def set_http_status(context: Ctx, status: int) -> None:
    """Ask the gateway for a REST success status other than 200 (201, 202, 204)."""
    await context.send_initial_metadata((("x-http-status", str(status)),))


class RpcSurface:
    """Decorators for the methods of one gRPC service with one REST error body format."""

    def __init__(self, service: ServiceDescriptor, error_body: ErrorBody) -> None:
        self._service = service
        self._error_body = error_body
        ERROR_BODIES[service.full_name] = error_body

    async def _fail(self, context: Ctx, exc: BaseException) -> None:
        if isinstance(exc, DomainError):
            await abort(context, exc, self._error_body)
        log.exception("unhandled error in %s", self._service.full_name, exc_info=exc)
        await abort(context, INTERNAL_ERROR, self._error_body, internal=True)

    def unary(
        self, fn: Callable[[Any, Req, Ctx], Awaitable[Resp]]
    ) -> Callable[[Any, Req, Ctx], Awaitable[Resp]]:
        body = json_body_of(self._service.methods_by_name[fn.__name__])
        method = f"/{self._service.full_name}/{fn.__name__}"

        @functools.wraps(fn)
        async def handler(servicer: Any, request: Req, context: Ctx) -> Resp:
            try:
                authorize_request(method, request, context)
                if body is not None:
                    assert isinstance(request, Message)
                    await parse_json_body_async(request, body)
                return await fn(servicer, request, context)
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception as exc:
                await self._fail(context, exc)
                raise  # pragma: no cover - _fail always raises

        return handler

    def no_content(
        self, fn: Callable[[Any, Req, Ctx], Awaitable[None]]
    ) -> Callable[[Any, Req, Ctx], Awaitable[Message]]:
        """`unary` for a method whose effect is all there is: REST answers 204 with no body,
        gRPC the method's (empty) response message."""
        empty = message_factory.GetMessageClass(
            self._service.methods_by_name[fn.__name__].output_type
        )

        @functools.wraps(fn)
        async def effect(servicer: Any, request: Req, context: Ctx) -> Message:
            await fn(servicer, request, context)
            await set_http_status(context, 204)
            return empty()

        return self.unary(effect)

    def listing(
        self, fn: Callable[[Any, Req, Ctx], Awaitable[Sequence[Resp]]]
    ) -> Callable[[Any, Req, Ctx], AsyncIterator[Resp]]:
        """`server_stream` for a method that answers one whole list (REST: a JSON array): an
        error fails the call before its first message."""

        @functools.wraps(fn)
        async def stream(servicer: Any, request: Req, context: Ctx) -> AsyncIterator[Resp]:
            for message in await fn(servicer, request, context):
                yield message

        return self.server_stream(stream)

    def server_stream(
        self, fn: Callable[[Any, Req, Ctx], AsyncIterator[Resp]]
    ) -> Callable[[Any, Req, Ctx], AsyncIterator[Resp]]:
        self._service.methods_by_name[fn.__name__]  # fail at import on a misspelt name
        method = f"/{self._service.full_name}/{fn.__name__}"

        @functools.wraps(fn)
        async def handler(servicer: Any, request: Req, context: Ctx) -> AsyncIterator[Resp]:
            try:
                authorize_request(method, request, context)
                async for item in fn(servicer, request, context):
                    yield item
            except (asyncio.CancelledError, grpc.aio.AbortError):
                raise
            except Exception as exc:
                await self._fail(context, exc)

        return handler

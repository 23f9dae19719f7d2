"""The one interceptor that measures every RPC (started, handled by code, handling time, open
streams) and files the call for log lines (server.observability.logs.current_rpc).

py-grpc-prometheus cannot be used: `grpc.aio.server` refuses its (sync) interceptor. A stream
counts once, when it ends, with its end code, and its handling time is its whole lifetime.
Wrapped handlers are built once per method and reused: per call this costs one coroutine frame
and three pre-bound metric updates, nothing per stream message.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from server.api.interceptors import Handler, MethodInterceptor
from server.observability.logs import RpcLogContext, current_rpc
from server.observability.metrics import Metrics, RpcMetrics

Ctx = grpc.aio.ServicerContext[Any, Any]


def _status(context: Ctx, error: BaseException | None) -> grpc.StatusCode:
    """The code the call ends with: what the handler set or aborted with, else OK/UNKNOWN."""
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code
    if isinstance(code, int):  # grpc.aio gives the numeric code after some paths
        for status in grpc.StatusCode:
            if status.value[0] == code:
                return status
    if error is None:
        return grpc.StatusCode.OK
    if isinstance(error, asyncio.CancelledError):
        return grpc.StatusCode.CANCELLED
    return grpc.StatusCode.UNKNOWN


class CallMeter:
    """Per-call bookkeeping of one method: begin() at the start, end() with the final code."""

    __slots__ = ("_handled", "_handling", "_metrics", "_open", "_rpc", "_started")

    def __init__(self, metrics: Metrics, rpc: RpcMetrics) -> None:
        self._metrics, self._rpc = metrics, rpc
        self._started, self._handling, self._open = rpc.started, rpc.handling, rpc.open_streams

    def begin(self) -> float:
        self._started.inc()
        if self._open is not None:
            self._open.inc()
        return time.perf_counter()

    def end(self, start: float, context: Ctx, error: BaseException | None) -> None:
        self._handling.observe(time.perf_counter() - start)
        if self._open is not None:
            self._open.dec()
        self._metrics.handled(self._rpc, _status(context, error)).inc()


class MetricsInterceptor(MethodInterceptor):
    """Measures every RPC (when `metrics` is given) and files it for log lines (always)."""

    def __init__(self, metrics: Metrics | None) -> None:
        self._metrics = metrics
        # method -> (the handler we were given, our wrapper of it)
        self._wrapped: dict[str, tuple[Handler, Handler]] = {}

    async def intercept_method(
        self, method: str, handler: Handler, details: grpc.HandlerCallDetails
    ) -> Handler:
        cached = self._wrapped.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = self._wrap(method, handler)
        self._wrapped[method] = (handler, wrapped)
        return wrapped

    def _meter(self, method: str, grpc_type: str) -> CallMeter | None:
        if self._metrics is None:
            return None
        return CallMeter(self._metrics, self._metrics.rpc(method, grpc_type))

    def _wrap(self, method: str, handler: Handler) -> Handler:
        serialization = (handler.request_deserializer, handler.response_serializer)
        if handler.unary_unary is not None:
            meter = self._meter(method, "unary")
            return grpc.unary_unary_rpc_method_handler(
                _call(method, meter, handler.unary_unary, unary_request=True), *serialization
            )
        if handler.unary_stream is not None:
            meter = self._meter(method, "server_stream")
            return grpc.unary_stream_rpc_method_handler(
                _streaming(method, meter, handler.unary_stream, unary_request=True),
                *serialization,
            )
        if handler.stream_unary is not None:
            meter = self._meter(method, "client_stream")
            return grpc.stream_unary_rpc_method_handler(
                _call(method, meter, handler.stream_unary, unary_request=False), *serialization
            )
        meter = self._meter(method, "bidi_stream")
        return grpc.stream_stream_rpc_method_handler(
            _streaming(method, meter, handler.stream_stream, unary_request=False), *serialization
        )


def _streaming(
    method: str, meter: CallMeter | None, behavior: Any, *, unary_request: bool
) -> Callable[[Any, Ctx], Any]:
    """A streaming-response behavior is an async generator or a read/write coroutine."""
    if inspect.isasyncgenfunction(behavior):
        return _generator(method, meter, behavior, unary_request=unary_request)
    return _call(method, meter, behavior, unary_request=unary_request)


def _call(
    method: str, meter: CallMeter | None, behavior: Any, *, unary_request: bool
) -> Callable[[Any, Ctx], Awaitable[Any]]:
    async def measured(request: Any, context: Ctx) -> Any:
        current_rpc.set(RpcLogContext(method, request if unary_request else None))
        if meter is None:
            return await behavior(request, context)
        start = meter.begin()
        error: BaseException | None = None
        try:
            return await behavior(request, context)
        except BaseException as exc:
            error = exc
            raise
        finally:
            meter.end(start, context, error)

    return measured


def _generator(
    method: str, meter: CallMeter | None, behavior: Any, *, unary_request: bool
) -> Callable[[Any, Ctx], AsyncIterator[Any]]:
    async def measured(request: Any, context: Ctx) -> AsyncIterator[Any]:
        current_rpc.set(RpcLogContext(method, request if unary_request else None))
        start = meter.begin() if meter is not None else 0.0
        error: BaseException | None = None
        try:
            async for response in behavior(request, context):
                yield response
        except BaseException as exc:
            error = exc
            raise
        finally:
            if meter is not None:
                meter.end(start, context, error)

    return measured

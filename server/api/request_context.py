"""The request id of the RPC being served: Envoy's `x-request-id`, set by one interceptor.

Envoy gives every REST request an `x-request-id` and forwards it upstream; log lines carry it,
so an operator can find a client's failed request from the OperationId it was given.
The interceptor files the id in a contextvar: grpc.aio runs every interceptor and the handler
of one call in the same context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, TypeAlias

import grpc

REQUEST_ID_HEADER = "x-request-id"
# An id longer than this is not Envoy's (a UUID): it is cut, not logged whole.
MAX_REQUEST_ID_LENGTH = 128

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"

_request_id: ContextVar[str | None] = ContextVar("rolecall_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request or without one."""
    return _request_id.get()


# grpc-stubs type ServerInterceptor as generic; at run time it is a plain class.
class RequestContextInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler:
        request_id = None
        for key, value in handler_call_details.invocation_metadata or ():  # type: ignore[attr-defined]
            if key == REQUEST_ID_HEADER:
                text = value if isinstance(value, str) else value.decode(errors="replace")
                request_id = text[:MAX_REQUEST_ID_LENGTH] or None
                break
        _request_id.set(request_id)
        return await continuation(handler_call_details)

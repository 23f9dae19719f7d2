"""The request id of the RPC being served: Envoy's `x-request-id`, set by one interceptor.

Envoy gives every REST request an `x-request-id` and forwards it upstream; log lines carry it,
so an operator can find a client's failed request from the OperationId it was given.
The interceptor files the id in the contextvar of `server/observability/request_id.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import grpc

from server.observability.request_id import set_request_id

REQUEST_ID_HEADER = "x-request-id"
# An id longer than this is not Envoy's (a UUID): it is cut, not logged whole.
MAX_REQUEST_ID_LENGTH = 128

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"


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
        set_request_id(request_id)
        return await continuation(handler_call_details)

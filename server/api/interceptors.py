"""What the server's interceptors share: they act on the handler of a method the server has."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

import grpc

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"
Continuation: TypeAlias = Callable[[grpc.HandlerCallDetails], Awaitable[Handler]]


# grpc-stubs type ServerInterceptor as generic; at run time it is a plain class.
class MethodInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    """An interceptor given the name and handler of each method called; a call to a method
    the server does not have passes by (gRPC answers UNIMPLEMENTED)."""

    async def intercept_service(
        self, continuation: Continuation, handler_call_details: grpc.HandlerCallDetails
    ) -> Handler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method: str = handler_call_details.method  # type: ignore[attr-defined]
        return await self.intercept_method(method, handler, handler_call_details)

    async def intercept_method(
        self, method: str, handler: Handler, details: grpc.HandlerCallDetails
    ) -> Handler:
        raise NotImplementedError

"""The request id of the RPC being served: Envoy's `x-request-id`, filed by one API interceptor.

It lives here, under the logs that read it, so that observability needs nothing from the API:
`server/api/request_context.py` sets it, error bodies and log lines read it.
grpc.aio runs every interceptor and the handler of one call in the same context.
"""

from __future__ import annotations

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("rolecall_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request or without one."""
    return _request_id.get()


def set_request_id(request_id: str | None) -> None:
    """File the id of the request this context serves (the API's interceptor does)."""
    _request_id.set(request_id)

"""Errors the agent raises, with the server's stable reason when it gave one."""

from __future__ import annotations

from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"


class AgentError(Exception):
    """The agent could not do what was asked; `reason` is stable, `message` is for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


class GroupNotFoundError(AgentError):
    """The failover group does not exist: create it before starting agents for it."""


class AgentClosedError(AgentError):
    """The agent was closed while a caller waited on it."""


def error_from_rpc(error: grpc.aio.AioRpcError) -> AgentError:
    """The AgentError for a failed call: the ErrorInfo reason, else the status code's name."""
    reason = _error_info_reason(error) or error.code().name
    cls = GroupNotFoundError if reason == "GROUP_NOT_FOUND" else AgentError
    return cls(reason, error.details() or "")


def _error_info_reason(error: grpc.aio.AioRpcError) -> str | None:
    info = _error_info(error)
    return None if info is None else str(info.reason)


def _error_info(error: grpc.aio.AioRpcError) -> error_details_pb2.ErrorInfo | None:
    info = error_details_pb2.ErrorInfo()
    return info if _unpack_detail(error, info) else None


def _unpack_detail(error: grpc.aio.AioRpcError, detail_message: Any) -> bool:
    """Fills `detail_message` from the rich status's first detail of its type; True if found."""
    metadata: Any = error.trailing_metadata() or ()  # the stubs mistype it
    for key, value in metadata:
        if key == _DETAILS_KEY and isinstance(value, bytes):
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                if detail.Unpack(detail_message):
                    return True
    return False


RETRY_AFTER_HEADER = "retry-after"


def retry_delay_of(error: grpc.aio.AioRpcError) -> float | None:
    """Seconds the server asked to wait before retrying (an overloaded server refusing or
    shedding a stream): its `google.rpc.RetryInfo`, else the `retry-after` trailer; None if
    it gave none."""
    if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
        return None
    retry = error_details_pb2.RetryInfo()
    if _unpack_detail(error, retry) and retry.HasField("retry_delay"):
        return float(retry.retry_delay.ToMilliseconds()) / 1000.0
    metadata: Any = error.trailing_metadata() or ()
    for key, value in metadata:
        if key == RETRY_AFTER_HEADER:
            try:
                return float(value)
            except ValueError:
                return None
    return None


NOT_OWNER = "NOT_OWNER"
OWNER_HEADER = "x-rolecall-owner"


def owner_of(error: grpc.aio.AioRpcError) -> str | None:
    """The owner's "host:port" when a replica that does not own the group answered: from the
    ErrorInfo (reason NOT_OWNER, metadata `owner`) or the `x-rolecall-owner` trailer."""
    if error.code() != grpc.StatusCode.UNAVAILABLE:
        return None
    metadata: Any = error.trailing_metadata() or ()
    for key, value in metadata:
        if key == OWNER_HEADER and value:
            return str(value)
    info = _error_info(error)
    if info is not None and info.reason == NOT_OWNER and info.metadata.get("owner"):
        return str(info.metadata["owner"])
    return None

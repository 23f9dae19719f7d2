"""The ONE table from domain errors to gRPC codes and REST statuses, and how errors leave.

REST clients get their API's documented error body: the server puts it, as JSON, in the
trailing metadata `x-error-body`, and the gateway's Lua filter swaps it in as the HTTP body.
gRPC clients get a rich `google.rpc.Status` with an `ErrorInfo` (reason, operation id).
Anything that is not a DomainError is a bug: INTERNAL with a generic message; the traceback
goes to the log under the operation id, never to the client.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any, NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from server.domain.errors import DomainError, ErrorKind

log = logging.getLogger("rolecall.api")

ERROR_DOMAIN = "rolecall"

# domain error kind -> (gRPC status code, REST status). Envoy derives the REST status from the
# gRPC code; the REST column is what that gives, and where it cannot (413), the server says so
# in `x-http-status`.
ERROR_TABLE: dict[ErrorKind, tuple[grpc.StatusCode, int]] = {
    ErrorKind.INVALID_ARGUMENT: (grpc.StatusCode.INVALID_ARGUMENT, 400),
    ErrorKind.NOT_FOUND: (grpc.StatusCode.NOT_FOUND, 404),
    ErrorKind.ALREADY_EXISTS: (grpc.StatusCode.ALREADY_EXISTS, 409),
    ErrorKind.CONFLICT: (grpc.StatusCode.ABORTED, 409),
    ErrorKind.UNAUTHENTICATED: (grpc.StatusCode.UNAUTHENTICATED, 401),
    ErrorKind.PERMISSION_DENIED: (grpc.StatusCode.PERMISSION_DENIED, 403),
    ErrorKind.TOO_LARGE: (grpc.StatusCode.RESOURCE_EXHAUSTED, 413),
    ErrorKind.UNAVAILABLE: (grpc.StatusCode.UNAVAILABLE, 503),
}

# The REST error body of each API: (error, operation id, REST status) -> JSON object.
ErrorBody = Callable[[DomainError, str, int], dict[str, Any]]


def failover_error_body(error: DomainError, operation_id: str, status: int) -> dict[str, Any]:
    """The documented `ErrorResponse` of the client failover APIs."""
    return {
        "OperationId": operation_id,
        "Error": error.message,
        "Reason": error.reason,
        "Resolution": error.resolution,
    }


INTERNAL_ERROR = DomainError(
    "INTERNAL", "The server failed to handle the request.", "Retry; report the OperationId."
)


def new_operation_id() -> str:
    return uuid.uuid4().hex


def rich_status(code: grpc.StatusCode, error: DomainError, operation_id: str) -> status_pb2.Status:
    info = error_details_pb2.ErrorInfo(
        reason=error.reason, domain=ERROR_DOMAIN, metadata={"operation_id": operation_id}
    )
    detail = any_pb2.Any()
    detail.Pack(info)
    return status_pb2.Status(code=code.value[0], message=error.message, details=[detail])


async def abort(
    context: grpc.aio.ServicerContext[Any, Any],
    error: DomainError,
    body: ErrorBody,
    *,
    internal: bool = False,
) -> NoReturn:
    """End the call with `error`: rich status for gRPC, the API's JSON body for REST."""
    operation_id = new_operation_id()
    if internal:
        code, http_status = grpc.StatusCode.INTERNAL, 500
    else:
        code, http_status = ERROR_TABLE[error.kind]
    log.info(
        "operation %s failed: %s %s (%s)",
        operation_id,
        code.name,
        error.reason,
        error.message,
    )
    trailing: list[tuple[str, str | bytes]] = [
        ("x-error-body", json.dumps(body(error, operation_id, http_status))),
        ("grpc-status-details-bin", rich_status(code, error, operation_id).SerializeToString()),
    ]
    if http_status == 413:
        trailing.append(("x-http-status", "413"))
    await context.abort(code, error.message, trailing_metadata=tuple(trailing))
    raise AssertionError("unreachable: abort raises")  # pragma: no cover

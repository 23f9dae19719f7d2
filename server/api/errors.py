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
import math
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from server.domain.errors import DomainError, ErrorKind, NotOwner, Overloaded
from server.observability.request_id import current_request_id

log = logging.getLogger("rolecall.api")

ERROR_DOMAIN = "rolecall"

# domain error kind -> (gRPC status code, REST status). Envoy derives the REST status from the
# gRPC code; the REST column is what that gives, and where it cannot (413 and 409 for
# RESOURCE_EXHAUSTED), the server says so in `x-http-status`.
ERROR_TABLE: dict[ErrorKind, tuple[grpc.StatusCode, int]] = {
    ErrorKind.INVALID_ARGUMENT: (grpc.StatusCode.INVALID_ARGUMENT, 400),
    ErrorKind.NOT_FOUND: (grpc.StatusCode.NOT_FOUND, 404),
    ErrorKind.ALREADY_EXISTS: (grpc.StatusCode.ALREADY_EXISTS, 409),
    ErrorKind.CONFLICT: (grpc.StatusCode.ABORTED, 409),
    ErrorKind.UNAUTHENTICATED: (grpc.StatusCode.UNAUTHENTICATED, 401),
    ErrorKind.PERMISSION_DENIED: (grpc.StatusCode.PERMISSION_DENIED, 403),
    ErrorKind.TOO_LARGE: (grpc.StatusCode.RESOURCE_EXHAUSTED, 413),
    # 409, not the 429 Envoy would make of RESOURCE_EXHAUSTED: a quota does not pass by
    # waiting (clients retry 429 with backoff, forever), only by deleting something, and the
    # request is valid (not 400). gRPC callers get the canonical quota code.
    ErrorKind.QUOTA_EXCEEDED: (grpc.StatusCode.RESOURCE_EXHAUSTED, 409),
    ErrorKind.UNAVAILABLE: (grpc.StatusCode.UNAVAILABLE, 503),
    # Over capacity (admission control): 429 with a retry delay; waiting does pass it.
    ErrorKind.OVERLOADED: (grpc.StatusCode.RESOURCE_EXHAUSTED, 429),
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


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def live_error_body(error: DomainError, operation_id: str, status: int) -> dict[str, Any]:
    """The MaxScale REST API's JSON:API error document.

    MaxScale answers `{"errors": [{"detail": "..."}]}`; the other members are JSON:API's own
    error-object members, so a MaxScale client reads `detail` and nothing breaks: `id` is the
    operation id, `status` the HTTP status as a string, `code` the stable reason, and
    `meta.resolution` says what to do.
    """
    return {
        "errors": [
            {
                "id": operation_id,
                "status": str(status),
                "code": error.reason,
                "title": _phrase(status),
                "detail": error.message,
                "meta": {"resolution": error.resolution},
            }
        ]
    }


def ttl_error_body(error: DomainError, operation_id: str, status: int) -> dict[str, Any]:
    """An RFC 9457 problem details object, as ASP.NET Core (the g4 API) answers errors.

    `type`, `title`, `status` and `traceId` are what `ProblemDetails` and ASP.NET's default
    factory give; `detail` is the sentence for people. `reason` (the stable UPPER_SNAKE code) and
    `resolution` are extension members, which a .NET client finds in `ProblemDetails.Extensions`.
    """
    return {
        "type": _problem_type(status),
        "title": _phrase(status),
        "status": status,
        "detail": error.message,
        "traceId": operation_id,
        "reason": error.reason,
        "resolution": error.resolution,
    }


def freezer_error_body(error: DomainError, operation_id: str, status: int) -> dict[str, Any]:
    """The error body of OpenStack Freezer's API: falcon's `HTTPError.to_dict()`.

    Falcon gives `{"title", "description"}`; python-freezerclient reads those two. `reason`,
    `resolution` and `operation_id` are added members a Freezer client ignores.
    """
    return {
        "title": _phrase(status),
        "description": error.message,
        "reason": error.reason,
        "resolution": error.resolution,
        "operation_id": operation_id,
    }


# RFC 9110 sections of the 4xx/5xx statuses the error table gives, as ASP.NET Core 8 links them.
_RFC9110_SECTIONS = {
    400: "15.5.1",
    401: "15.5.2",
    403: "15.5.4",
    404: "15.5.5",
    409: "15.5.10",
    413: "15.5.14",
    415: "15.5.16",
    500: "15.6.1",
    503: "15.6.4",
}


def _problem_type(status: int) -> str:
    section = _RFC9110_SECTIONS.get(status)
    if section is None:
        return "about:blank"
    return f"https://tools.ietf.org/html/rfc9110#section-{section}"


INTERNAL_ERROR = DomainError(
    "INTERNAL", "The server failed to handle the request.", "Retry; report the OperationId."
)

# Service full name -> its REST error body: each RpcSurface files its own on import, and the auth
# interceptor answers a refused call in the body of the service it was for.
ERROR_BODIES: dict[str, ErrorBody] = {}


def new_operation_id() -> str:
    return uuid.uuid4().hex


def rich_status(code: grpc.StatusCode, error: DomainError, operation_id: str) -> status_pb2.Status:
    metadata = {"operation_id": operation_id}
    if isinstance(error, NotOwner) and error.owner:
        metadata["owner"] = error.owner
    info = error_details_pb2.ErrorInfo(reason=error.reason, domain=ERROR_DOMAIN, metadata=metadata)
    detail = any_pb2.Any()
    detail.Pack(info)
    details = [detail]
    if isinstance(error, Overloaded):
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromMilliseconds(math.ceil(error.retry_delay * 1000))
        details.append(any_pb2.Any())
        details[-1].Pack(retry)
    return status_pb2.Status(code=code.value[0], message=error.message, details=details)


# Envoy's transcoder sets it on every REST call it turns into gRPC, and on nothing else.
TRANSCODED_MARK = "x-envoy-original-path"


def _is_rest(context: grpc.aio.ServicerContext[Any, Any]) -> bool:
    return any(key == TRANSCODED_MARK for key, _ in context.invocation_metadata() or ())


async def abort(
    context: grpc.aio.ServicerContext[Any, Any],
    error: DomainError,
    body: ErrorBody,
    *,
    internal: bool = False,
) -> NoReturn:
    """End the call with `error`: rich status for gRPC, the API's JSON body for REST.

    The OperationId is the request's id (Envoy's `x-request-id`, which Envoy's own error bodies
    and the log lines of the request carry too); a call that came without one gets a fresh id.
    Only REST calls (transcoded by Envoy) get the JSON body trailer; native gRPC callers have
    the rich status.
    """
    operation_id = current_request_id() or new_operation_id()
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
        ("grpc-status-details-bin", rich_status(code, error, operation_id).SerializeToString()),
    ]
    if _is_rest(context):
        trailing.append(("x-error-body", json.dumps(body(error, operation_id, http_status))))
        if code == grpc.StatusCode.RESOURCE_EXHAUSTED:  # Envoy would answer 429
            trailing.append(("x-http-status", str(http_status)))
    if isinstance(error, Overloaded):
        # Whole seconds, as HTTP's Retry-After, for clients that do not parse RetryInfo.
        trailing.append(("retry-after", str(math.ceil(error.retry_delay))))
    if isinstance(error, NotOwner) and error.owner:
        # Clients that do not parse rich statuses still find the owner here.
        trailing.append(("x-rolecall-owner", error.owner))
    await context.abort(code, error.message, trailing_metadata=tuple(trailing))
    raise AssertionError("unreachable: abort raises")  # pragma: no cover

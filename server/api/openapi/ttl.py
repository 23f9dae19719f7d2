"""OpenAPI document of the TTL sessions API (seed 003, g4-style): bearer-protected JSON values
that expire after `timeout` idle seconds; errors are RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

from server.api.openapi.common import (
    ID_SCHEMA,
    ErrorResponses,
    Schema,
    document,
    empty_response,
    json_body,
    json_response,
    nullable,
    operation,
    path_param,
    ref,
    request_object,
)
from server.domain.limits import DEFAULT_TTL_TIMEOUT_SECONDS, MAX_TTL_TIMEOUT_SECONDS

ERRORS = ErrorResponses("ProblemDetails")
TAG = "Sessions"
BEARER: list[dict[str, list[str]]] = [{"Bearer": []}]

TENANT_HEADER = {
    "name": "x-g4-tenant",
    "in": "header",
    "required": True,
    "description": "The tenant; a session of another tenant is not found (404).",
    # The server takes any identifier check_id() allows, '%' included.
    "schema": {**ID_SCHEMA, "pattern": "^[^/\\x00-\\x1f\\x7f]+$"},
    "example": "acme",
}
APPLICATION_HEADER = {
    "name": "x-g4-application",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
}
SESSION_ID = path_param("id", "The session identifier.")

SCHEMAS: dict[str, Schema] = {
    "CreateSessionRequest": request_object(
        {
            "username": {"type": "string"},
            "password": {"type": "string", "format": "password"},
            "data": {"description": "Any JSON value the session keeps for its owner."},
            "timeout": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_TTL_TIMEOUT_SECONDS,
                "description": f"Idle seconds before the session expires; 0 means "
                f"{DEFAULT_TTL_TIMEOUT_SECONDS}.",
            },
            "detail": {"type": "boolean", "description": "Answer claims and roles too."},
        },
        examples=[
            {
                "username": "alice",
                "password": "s3cret",
                "timeout": 600,
                "data": {"cart": []},
                "detail": True,
            }
        ],
    ),
    "AuthenticatedSessionResponse": {
        "type": "object",
        "description": "Wrong credentials are not an error: validCredentials is false and "
        "there is no session and no bearer. The bearer is shown once, only a hash is stored.",
        "properties": {
            "validCredentials": {"type": "boolean"},
            "accessAllowed": {"type": "boolean"},
            "sessionId": {"type": "string"},
            "userId": {"type": "string"},
            "username": {"type": "string"},
            "fullname": {"type": "string"},
            "email": {"type": "string"},
            "bearer": {"type": "string"},
            "claims": {"type": "object", "additionalProperties": {"type": "string"}},
            "roles": {"type": "array", "items": {"type": "string"}},
            "profiles": {"type": "array", "items": {"type": "string"}},
            "version": {"type": "integer"},
        },
        "required": ["validCredentials", "accessAllowed", "username", "version"],
    },
    "GetSessionResponse": {
        "type": "object",
        "properties": {
            "bearer": {"type": "string"},
            "userId": {"type": "string"},
            "data": {"description": "The session's data: any JSON value, null when none."},
        },
        "required": ["bearer", "userId"],
    },
    "ProblemDetails": {
        "type": "object",
        "description": "RFC 9457 problem details as ASP.NET Core writes them; reason (a stable "
        "code) and resolution are extension members.",
        "properties": {
            "type": nullable({"type": "string"}),
            "title": nullable({"type": "string"}),
            "status": nullable({"type": "integer"}),
            "detail": nullable({"type": "string"}),
            "traceId": {"type": "string"},
            "reason": {"type": "string"},
            "resolution": {"type": "string"},
        },
        "required": ["title", "status"],
    },
}


def _operation(
    operation_id: str,
    summary: str,
    parameters: list[dict[str, Any]],
    responses: dict[str, Any],
    *,
    body: dict[str, Any] | None = None,
    secured: bool = True,
) -> dict[str, Any]:
    return operation(
        operation_id,
        summary,
        TAG,
        parameters,
        responses,
        body,
        security=BEARER if secured else None,
    )


_SESSION_LINK_PARAMETERS = {
    "id": "$response.body#/sessionId",
    "x-g4-tenant": "$request.header.x-g4-tenant",
}


def ttl_document() -> dict[str, Any]:
    session = [TENANT_HEADER, SESSION_ID]
    read = {
        "200": json_response("The session.", ref("GetSessionResponse")),
        **ERRORS(400, 401, 404, s404="No such session of this tenant, or it expired."),
    }
    paths = {
        "/session": {
            "post": _operation(
                "session_post",
                "Create a persistent session: checks the credentials against the tenant's users.",
                [TENANT_HEADER, APPLICATION_HEADER],
                {
                    "200": json_response(
                        "Whether the credentials were valid, and the session when they were.",
                        ref("AuthenticatedSessionResponse"),
                        {
                            "GetSession": {
                                "operationId": "session_id_get",
                                "parameters": _SESSION_LINK_PARAMETERS,
                            },
                            "GetStaticSession": {
                                "operationId": "static_session_id_get",
                                "parameters": _SESSION_LINK_PARAMETERS,
                            },
                        },
                    ),
                    **ERRORS(400, 413, 429),
                },
                body=json_body(
                    ref("CreateSessionRequest"),
                    "The credentials and first data; no body is no credentials.",
                    required=False,
                ),
                secured=False,
            ),
        },
        "/session/{id}": {
            "get": _operation(
                "session_id_get", "Get session, and slide its expiry.", session, read
            ),
            "put": _operation(
                "session_id_put",
                "Update session data: the body, any JSON value, replaces it.",
                session,
                {"204": empty_response("Updated."), **ERRORS(400, 401, 404, 413)},
                body=json_body({"description": "Any JSON value."}, "The new data."),
            ),
            "delete": _operation(
                "session_id_delete",
                "Delete session.",
                session,
                {"204": empty_response("Deleted."), **ERRORS(400, 401, 404)},
            ),
        },
        "/static-session/{id}": {
            "get": _operation(
                "static_session_id_get",
                "Get session without updating ttl (internal use).",
                session,
                read,
            ),
        },
    }
    return document(
        title="rolecall TTL sessions (g4-style)",
        version="v1",
        description="Persistent sessions that expire after `timeout` seconds of disuse. Every "
        "call names the tenant in x-g4-tenant; all but the login need the session's bearer.",
        paths=paths,
        schemas=SCHEMAS,
        tags=[{"name": TAG}],
        security_schemes={
            "Bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "The bearer that POST /session answered.",
            }
        },
    )

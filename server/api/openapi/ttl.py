"""OpenAPI document of the TTL sessions API (seed 003, g4-style): bearer-protected JSON values
that expire after `timeout` idle seconds; errors are RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

import server.api.openapi.common as oa
from server.domain.limits import DEFAULT_TTL_TIMEOUT_SECONDS, MAX_TTL_TIMEOUT_SECONDS

# Every call but the login needs the session's bearer (401 without a valid one).
OPERATION = oa.Operations("Sessions", oa.ErrorResponses("ProblemDetails"), (401,), [{"Bearer": []}])

TENANT_HEADER = {
    "name": "x-g4-tenant",
    "in": "header",
    "required": True,
    "description": "The tenant; a session of another tenant is not found (404).",
    # The server takes any identifier check_id() allows, '%' included.
    "schema": {**oa.ID_SCHEMA, "pattern": "^[^/\\x00-\\x1f\\x7f]+$"},
    "example": "acme",
}
APPLICATION_HEADER = {
    "name": "x-g4-application",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
}
SESSION_ID = oa.path_param("id", "The session identifier.")

SCHEMAS: dict[str, oa.Schema] = {
    "CreateSessionRequest": oa.request_object(
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
    "AuthenticatedSessionResponse": oa.obj(
        {
            **oa.props(
                boolean="validCredentials accessAllowed",
                string="sessionId userId username fullname email bearer",
            ),
            "claims": {"type": "object", "additionalProperties": {"type": "string"}},
            "roles": {"type": "array", "items": {"type": "string"}},
            "profiles": {"type": "array", "items": {"type": "string"}},
            "version": {"type": "integer"},
        },
        "validCredentials accessAllowed username version",
        "Wrong credentials are not an error: validCredentials is false and there is no "
        "session and no bearer. The bearer is shown once, only a hash is stored.",
    ),
    "GetSessionResponse": oa.obj(
        {
            **oa.props(string="bearer userId"),
            "data": {"description": "The session's data: any JSON value, null when none."},
        },
        "bearer userId",
    ),
    "ProblemDetails": oa.obj(
        {
            "type": oa.nullable({"type": "string"}),
            "title": oa.nullable({"type": "string"}),
            "status": oa.nullable({"type": "integer"}),
            "detail": oa.nullable({"type": "string"}),
            **oa.props(string="traceId reason resolution"),
        },
        "title status",
        "RFC 9457 problem details as ASP.NET Core writes them; reason (a stable code) and "
        "resolution are extension members.",
    ),
}

_SESSION_LINKS = oa.links(
    {"id": "$response.body#/sessionId", "x-g4-tenant": "$request.header.x-g4-tenant"},
    GetSession="session_id_get",
    GetStaticSession="static_session_id_get",
)


def _paths() -> dict[str, Any]:
    op = OPERATION
    session = [TENANT_HEADER, SESSION_ID]
    read = oa.answer(200, "The session.", "GetSessionResponse")
    not_found = "No such session of this tenant, or it expired."
    return {
        "/session": {
            "post": op(
                "session_post",
                "Create a persistent session: checks the credentials against the tenant's users.",
                [TENANT_HEADER, APPLICATION_HEADER],
                oa.answer(
                    200,
                    "Whether the credentials were valid, and the session when they were.",
                    "AuthenticatedSessionResponse",
                    _SESSION_LINKS,
                ),
                429,
                body=oa.json_body(
                    "CreateSessionRequest",
                    "The credentials and first data; no body is no credentials.",
                    required=False,
                ),
                secured=False,
            ),
        },
        "/session/{id}": {
            "get": op(
                "session_id_get",
                "Get session, and slide its expiry.",
                session,
                read,
                404,
                s404=not_found,
            ),
            "put": op(
                "session_id_put",
                "Update session data: the body, any JSON value, replaces it.",
                session,
                oa.answer(204, "Updated."),
                404,
                body=oa.json_body({"description": "Any JSON value."}, "The new data."),
            ),
            "delete": op(
                "session_id_delete", "Delete session.", session, oa.answer(204, "Deleted."), 404
            ),
        },
        "/static-session/{id}": {
            "get": op(
                "static_session_id_get",
                "Get session without updating ttl (internal use).",
                session,
                read,
                404,
                s404=not_found,
            ),
        },
    }


TTL = oa.Api(
    oa.Info(
        "rolecall TTL sessions (g4-style)",
        "v1",
        "Persistent sessions that expire after `timeout` seconds of disuse. Every "
        "call names the tenant in x-g4-tenant; all but the login need the session's bearer.",
    ),
    _paths,
    SCHEMAS,
    (OPERATION,),
    security_schemes={
        "Bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "The bearer that POST /session answered.",
        }
    },
    security=None,
)

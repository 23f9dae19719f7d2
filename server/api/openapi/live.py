"""OpenAPI document of the live sessions API (seed 002, MaxScale's REST API): JSON:API
documents with absolute links; errors are JSON:API error documents."""

from __future__ import annotations

from typing import Any

from server.api.openapi.common import (
    TOKEN_SECURITY,
    TOKEN_SECURITY_SCHEMES,
    ErrorResponses,
    Schema,
    document,
    empty_response,
    json_response,
    path_param,
    ref,
    with_token_auth,
)
from server.domain.limits import MAX_LIVE_PAGE_SIZE

ERRORS = ErrorResponses("ErrorDocument")
TAG = "Sessions"
SESSION_ID = path_param(
    "id", "A live session identifier.", {"type": "string", "pattern": "^[0-9]{1,9}$"}
)
# The page parameters are validated as digit strings of at most 9 characters.
_PAGE_INT: Schema = {"type": "integer", "minimum": 0, "maximum": 999_999_999}

# Absolute URLs, but not RFC 3986 `uri`s: like MaxScale's, page links keep `[` and `]` raw.
LINKS: Schema = {
    "type": "object",
    "properties": {"self": {"type": "string"}, "next": {"type": "string"}},
    "required": ["self"],
}

SCHEMAS: dict[str, Schema] = {
    "Links": LINKS,
    "ResourceIdentifier": {
        "type": "object",
        "properties": {"id": {"type": "string"}, "type": {"type": "string"}},
        "required": ["id", "type"],
    },
    "GroupRef": {
        "type": "object",
        "properties": {
            "tenant_id": {"type": "string"},
            "namespace_id": {"type": "string"},
            "group_id": {"type": "string"},
        },
        "required": ["tenant_id", "namespace_id", "group_id"],
    },
    "ClientSessionRef": {
        "type": "object",
        "properties": {
            "tenant_id": {"type": "string"},
            "namespace_id": {"type": "string"},
            "group_id": {"type": "string"},
            "session_id": {"type": "string"},
        },
        "required": ["tenant_id", "namespace_id", "group_id", "session_id"],
    },
    "SessionAttributes": {
        "type": "object",
        "description": "MaxScale's state and connected (asctime, UTC), and rolecall's own: the "
        "stream's user, peer, idle seconds, age and the groups and client sessions it serves.",
        "properties": {
            "state": {"type": "string", "examples": ["Session started"]},
            "connected": {"type": "string", "examples": ["Wed May 17 10:06:35 2017"]},
            "user": {"type": "string"},
            "remote": {"type": "string"},
            "idle": {"type": "number", "minimum": 0},
            "seconds_alive": {"type": "number", "minimum": 0},
            "groups": {"type": "array", "items": ref("GroupRef")},
            "client_sessions": {"type": "array", "items": ref("ClientSessionRef")},
        },
        "required": [
            "state",
            "connected",
            "user",
            "remote",
            "idle",
            "seconds_alive",
            "groups",
            "client_sessions",
        ],
    },
    "Session": {
        "type": "object",
        "description": "A live connection (an open HeartbeatStream or WatchGroup stream).",
        "properties": {
            "id": {"type": "string"},
            "type": {"const": "sessions"},
            "relationships": {
                "type": "object",
                "properties": {
                    "services": {
                        "type": "object",
                        "properties": {
                            "links": ref("Links"),
                            "data": {"type": "array", "items": ref("ResourceIdentifier")},
                        },
                        "required": ["links", "data"],
                    }
                },
                "required": ["services"],
            },
            "attributes": ref("SessionAttributes"),
            "links": ref("Links"),
        },
        "required": ["id", "type", "relationships", "attributes", "links"],
    },
    "SessionDocument": {
        "type": "object",
        "properties": {"links": ref("Links"), "data": ref("Session")},
        "required": ["links", "data"],
    },
    "SessionCollection": {
        "type": "object",
        "properties": {
            "links": ref("Links"),
            "data": {"type": "array", "items": ref("Session")},
        },
        "required": ["links", "data"],
    },
    "ErrorDocument": {
        "type": "object",
        "description": 'MaxScale\'s `{"errors": [{"detail"}]}` with JSON:API\'s other error '
        "members: id (the operation id), status, code (the stable reason), title, "
        "meta.resolution.",
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"type": "string"},
                        "code": {"type": "string"},
                        "title": {"type": "string"},
                        "detail": {"type": "string"},
                        "meta": {
                            "type": "object",
                            "properties": {"resolution": {"type": "string"}},
                        },
                    },
                    "required": ["detail"],
                },
            }
        },
        "required": ["errors"],
    },
}


def live_document() -> dict[str, Any]:
    paths = {
        "/v1/sessions": {
            "get": {
                "operationId": "ListSessions",
                "summary": "Get all sessions, in identifier order; paginated with page[size] "
                f"(1..{MAX_LIVE_PAGE_SIZE}, none lists every session) and page[number] (from 0).",
                "tags": [TAG],
                "parameters": [
                    {
                        "name": "page[size]",
                        "in": "query",
                        "required": False,
                        "schema": {**_PAGE_INT, "maximum": MAX_LIVE_PAGE_SIZE},
                    },
                    {"name": "page[number]", "in": "query", "required": False, "schema": _PAGE_INT},
                ],
                "responses": {
                    "200": json_response(
                        "The sessions; links.next names the next page when there is one.",
                        ref("SessionCollection"),
                        {
                            "GetFirstSession": {
                                "operationId": "GetSession",
                                "parameters": {"id": "$response.body#/data/0/id"},
                            }
                        },
                    ),
                    **ERRORS(400),
                },
            }
        },
        "/v1/sessions/{id}": {
            "get": {
                "operationId": "GetSession",
                "summary": "Get a single session.",
                "tags": [TAG],
                "parameters": [SESSION_ID],
                "responses": {
                    "200": json_response("The session.", ref("SessionDocument")),
                    **ERRORS(400, 404, s404="No live session has that identifier."),
                },
            },
            "delete": {
                "operationId": "DeleteSession",
                "summary": "Close a live connection: its stream ends with gRPC UNAVAILABLE, "
                "reason SESSION_CLOSED (agents reconnect).",
                "tags": [TAG],
                "parameters": [SESSION_ID],
                "responses": {
                    "204": empty_response("The session was closed."),
                    **ERRORS(400, 404, s404="No live session has that identifier."),
                },
            },
        },
    }
    return document(
        title="rolecall live sessions (MaxScale-style)",
        version="v1",
        description="The live connections to rolecall: every open HeartbeatStream and "
        "WatchGroup stream. JSON:API documents with absolute links built from the Host header.",
        paths=with_token_auth(paths, ERRORS),
        schemas=SCHEMAS,
        tags=[{"name": TAG}],
        security_schemes=TOKEN_SECURITY_SCHEMES,
        security=TOKEN_SECURITY,
    )

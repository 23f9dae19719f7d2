"""OpenAPI document of the live sessions API (seed 002, MaxScale's REST API): JSON:API
documents with absolute links; errors are JSON:API error documents."""

from __future__ import annotations

from typing import Any

import server.api.openapi.common as oa
from server.domain.limits import MAX_LIVE_PAGE_SIZE

OPERATION = oa.Operations("Sessions", oa.ErrorResponses("ErrorDocument"), oa.TOKEN_ERRORS)
SESSION_ID = oa.path_param(
    "id", "A live session identifier.", {"type": "string", "pattern": "^[0-9]{1,9}$"}
)
# The page parameters are validated as digit strings of at most 9 characters.
_PAGE_INT: oa.Schema = {"type": "integer", "minimum": 0, "maximum": 999_999_999}

# Absolute URLs, but not RFC 3986 `uri`s: like MaxScale's, page links keep `[` and `]` raw.
LINKS = oa.obj(oa.props(string="self next"), "self")
_GROUP = "tenant_id namespace_id group_id"

SCHEMAS: dict[str, oa.Schema] = {
    "Links": LINKS,
    "ResourceIdentifier": oa.obj(oa.props(string="id type"), "id type"),
    "GroupRef": oa.obj(oa.props(string=_GROUP), _GROUP),
    "ClientSessionRef": oa.obj(oa.props(string=_GROUP + " session_id"), _GROUP + " session_id"),
    "SessionAttributes": oa.obj(
        {
            "state": {"type": "string", "examples": ["Session started"]},
            "connected": {"type": "string", "examples": ["Wed May 17 10:06:35 2017"]},
            **oa.props(string="user remote"),
            "idle": {"type": "number", "minimum": 0},
            "seconds_alive": {"type": "number", "minimum": 0},
            "groups": {"type": "array", "items": oa.ref("GroupRef")},
            "client_sessions": {"type": "array", "items": oa.ref("ClientSessionRef")},
        },
        "state connected user remote idle seconds_alive groups client_sessions",
        "MaxScale's state and connected (asctime, UTC), and rolecall's own: the stream's user, "
        "peer, idle seconds, age and the groups and client sessions it serves.",
    ),
    "Session": oa.obj(
        {
            "id": {"type": "string"},
            "type": {"const": "sessions"},
            "relationships": oa.obj(
                {
                    "services": oa.obj(
                        {
                            "links": oa.ref("Links"),
                            "data": {"type": "array", "items": oa.ref("ResourceIdentifier")},
                        },
                        "links data",
                    )
                },
                "services",
            ),
            "attributes": oa.ref("SessionAttributes"),
            "links": oa.ref("Links"),
        },
        "id type relationships attributes links",
        "A live connection (an open HeartbeatStream or WatchGroup stream).",
    ),
    "SessionDocument": oa.obj({"links": oa.ref("Links"), "data": oa.ref("Session")}, "links data"),
    "SessionCollection": oa.obj(
        {"links": oa.ref("Links"), "data": {"type": "array", "items": oa.ref("Session")}},
        "links data",
    ),
    "ErrorDocument": {
        "type": "object",
        "description": 'MaxScale\'s `{"errors": [{"detail"}]}` with JSON:API\'s other error '
        "members: id (the operation id), status, code (the stable reason), title, "
        "meta.resolution.",
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": oa.obj(
                    {
                        **oa.props(string="id status code title detail"),
                        "meta": oa.obj(oa.props(string="resolution")),
                    },
                    "detail",
                ),
            }
        },
        "required": ["errors"],
    },
}


def _paths() -> dict[str, Any]:
    op = OPERATION
    not_found = "No live session has that identifier."
    return {
        "/v1/sessions": {
            "get": op(
                "ListSessions",
                "Get all sessions, in identifier order; paginated with page[size] "
                f"(1..{MAX_LIVE_PAGE_SIZE}, none lists every session) and page[number] (from 0).",
                [
                    oa.query_param("page[size]", {**_PAGE_INT, "maximum": MAX_LIVE_PAGE_SIZE}),
                    oa.query_param("page[number]", _PAGE_INT),
                ],
                oa.answer(
                    200,
                    "The sessions; links.next names the next page when there is one.",
                    "SessionCollection",
                    oa.links({"id": "$response.body#/data/0/id"}, GetFirstSession="GetSession"),
                ),
            )
        },
        "/v1/sessions/{id}": {
            "get": op(
                "GetSession",
                "Get a single session.",
                [SESSION_ID],
                oa.answer(200, "The session.", "SessionDocument"),
                404,
                s404=not_found,
            ),
            "delete": op(
                "DeleteSession",
                "Close a live connection: its stream ends with gRPC UNAVAILABLE, "
                "reason SESSION_CLOSED (agents reconnect).",
                [SESSION_ID],
                oa.answer(204, "The session was closed."),
                404,
                s404=not_found,
            ),
        },
    }


LIVE = oa.Api(
    oa.Info(
        "rolecall live sessions (MaxScale-style)",
        "v1",
        "The live connections to rolecall: every open HeartbeatStream and "
        "WatchGroup stream. JSON:API documents with absolute links built from the Host header.",
    ),
    _paths,
    SCHEMAS,
    (OPERATION,),
)

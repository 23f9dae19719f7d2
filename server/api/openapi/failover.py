"""OpenAPI documents of the client failover APIs: v1 groups (seed 001) and v1-preview client
sessions (seed 000). Both serve the same objects; errors are the documented ErrorResponse."""

from __future__ import annotations

from typing import Any

import server.api.openapi.common as oa

ERRORS = oa.ErrorResponses("ErrorResponse")

ERROR_RESPONSE = oa.obj(
    {
        name: {**oa.nullable({"type": "string"}), "description": description}
        for name, description in (
            ("OperationId", "Operation identifier"),
            ("Error", "Error string"),
            ("Reason", "Error reason string"),
            ("Resolution", "Resolution string"),
        )
    },
    "OperationId Error Reason Resolution",
    "Response error for controller methods. `Reason` is a stable code such as GROUP_NOT_FOUND "
    "or UNKNOWN_FIELD; `OperationId` is the request's id, also in the logs.",
)

CLIENT_ROLE: oa.Schema = {
    "type": "integer",
    "enum": [0, 1, 2],
    "description": "Secondary 0, Primary 1, PendingPrimary 2.",
}

EPOCH: oa.Schema = {
    **oa.UINT64_STRING,
    "description": "The group's fencing token: it grows by one at every change of Primary "
    "(a rolecall addition; a uint64 printed as a JSON string).",
}


def _role_schemas(score: str, data_time: str, score_text: str, required: str = "") -> oa.Schema:
    """The heartbeat a client sends and is shown, the role it is answered, and the error body:
    the same in both APIs but for the names of the score and of the data watermark."""
    heartbeat = {score: {"type": "number"}, "HeartbeatTime": oa.DATE_TIME, data_time: oa.DATE_TIME}
    return {
        "IFailoverHeartbeat": oa.obj(heartbeat, required),
        "FailoverHeartbeat": oa.request_object(heartbeat, score_text),
        "FailoverResponse": oa.obj(
            {"Role": oa.ref("ClientRole"), data_time: oa.DATE_TIME, "Epoch": EPOCH},
            "Role Epoch",
            f"The client's role now; {data_time} is where a new Primary resumes.",
        ),
        "ClientRole": CLIENT_ROLE,
        "ErrorResponse": ERROR_RESPONSE,
    }


TENANT = oa.path_param("tenantId", "The tenant.", example="acme")
NAMESPACE = oa.path_param("namespaceId", "The namespace within the tenant.", example="plant1")


# ---- v1: client failover groups (seed 001) ------------------------------------------------

V1_OPERATION = oa.Operations("Client Failover Groups", ERRORS, oa.TOKEN_ERRORS)
V1_GROUP = oa.path_param("groupid", "The failover group.", example="collectors")
V1_SESSION = oa.path_param("sessionId", "The client session.", example="node-a")
V1_SESSION_LOWER = oa.path_param("sessionid", "The client session.", example="node-a")
V1_PREFIX = "/api/v1/tenants/{tenantId}/namespaces/{namespaceId}/clientfailover/groups"

V1_SCHEMAS: dict[str, oa.Schema] = {
    "GroupConfiguration": oa.request_object(
        {
            "Id": oa.BODY_ID_SCHEMA,
            "Name": {"type": "string"},
            "Description": {"type": "string"},
            "FailoverTimeout": {"type": "string", "description": "time-span"},
            "Milliseconds": {"type": "number"},
        },
        "The writable part of a failover group. Give FailoverTimeout as a .NET time-span "
        '("00:00:30", "1.00:00:00", "00:00:00.2500000") or Milliseconds; it must be positive. '
        "In a PUT, Id may be left out and must match the path if given.",
        examples=[{"Id": "collectors", "Name": "Collectors", "FailoverTimeout": "00:00:30"}],
    ),
    "ClientSession": oa.request_object(
        {"Id": oa.BODY_ID_SCHEMA, "Name": {"type": "string"}},
        examples=[{"Id": "node-a", "Name": "Node A"}],
    ),
    "ClientSessionInfo": oa.obj(
        oa.props(string="Id Name"), "Id Name", "A client session as a group lists it."
    ),
    "IClientStatus": oa.obj(
        {
            "SessionId": {"type": "string"},
            "Role": oa.ref("ClientRole"),
            "Heartbeat": oa.ref("IFailoverHeartbeat"),
        },
        "SessionId Role",
        "A client's role and last heartbeat; Heartbeat is absent before the first.",
    ),
    "GroupSessions": oa.obj(
        {
            **oa.props(string="Id Name Description"),
            "FailoverTimeout": {"type": "string", "description": "time-span"},
            "Milliseconds": {"type": "number"},
            "Sessions": {"type": "object", "additionalProperties": oa.ref("ClientSessionInfo")},
            "Clients": {"type": "object", "additionalProperties": oa.ref("IClientStatus")},
            "Epoch": EPOCH,
        },
        "Id Name Description FailoverTimeout Milliseconds Sessions Clients Epoch",
    ),
    **_role_schemas(
        "PercentHealthyStreams",
        "LastDataSendTime",
        "PercentHealthyStreams is the client's score: the best live secondary takes over, and "
        "one that stays strictly better than the Primary for a whole timeout takes over too.",
        required="PercentHealthyStreams",
    ),
}

_TENANT_NAMESPACE = {
    "tenantId": "$request.path.tenantId",
    "namespaceId": "$request.path.namespaceId",
}
_GROUP_LINKS = oa.links(
    {**_TENANT_NAMESPACE, "groupid": "$request.body#/Id"},
    GetGroup="ClientFailoverGroups_Get",
    PostClientSessions="ClientFailoverGroups_PostClientSessions",
)
_SESSION_LINK_PARAMETERS = {**_TENANT_NAMESPACE, "groupid": "$request.path.groupid"}
_SESSION_LINKS = {
    **oa.links(
        {**_SESSION_LINK_PARAMETERS, "sessionId": "$request.body#/Id"},
        PostHeartbeatMessage="ClientFailoverGroups_PostHeartbeatMessage",
    ),
    **oa.links(
        {**_SESSION_LINK_PARAMETERS, "sessionid": "$request.body#/Id"},
        DeleteClientSession="ClientFailoverGroups_DeleteClientSession",
    ),
}


def _id_text(what: str, links: dict[str, Any] | None = None) -> dict[str, oa.Schema]:
    return oa.answer(200, f"The {what} identifier, as a JSON string.", {"type": "string"}, links)


def _v1_paths() -> dict[str, Any]:
    op = V1_OPERATION
    base = [TENANT, NAMESPACE]
    group = [V1_GROUP, TENANT, NAMESPACE]
    return {
        V1_PREFIX: {
            "get": op(
                "ClientFailoverGroups_List",
                "Lists the failover groups of a namespace (empty for an unknown namespace).",
                base,
                oa.answer(200, "The groups.", {"type": "array", "items": oa.ref("GroupSessions")}),
                404,
            ),
            "post": op(
                "ClientFailoverGroups_Post",
                "Creates a failover group; its Id is required.",
                base,
                _id_text("group's", _GROUP_LINKS),
                404,
                409,
                body=oa.json_body("GroupConfiguration", "The group to create."),
                s409="A group with that Id already exists.",
            ),
        },
        V1_PREFIX + "/{groupid}": {
            "get": op(
                "ClientFailoverGroups_Get",
                "Gets a failover group with its sessions and the state of its clients.",
                group,
                oa.answer(200, "The group.", "GroupSessions"),
                404,
            ),
            "put": op(
                "ClientFailoverGroups_Put",
                "Creates or updates a failover group, keeping its sessions and roles.",
                group,
                _id_text("group's"),
                404,
                body=oa.json_body(
                    "GroupConfiguration", "The group's configuration.", required=False
                ),
            ),
            "delete": op(
                "ClientFailoverGroups_Delete",
                "Deletes a failover group that has no live client.",
                group,
                _id_text("group's"),
                404,
                409,
                s409="The group still has a live client.",
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions/{sessionId}": {
            "post": op(
                "ClientFailoverGroups_PostHeartbeatMessage",
                "Posts a heartbeat for a client session and answers its role.",
                [V1_GROUP, V1_SESSION, TENANT, NAMESPACE],
                oa.answer(200, "The client's role.", "FailoverResponse"),
                404,
                body=oa.json_body("FailoverHeartbeat", "The heartbeat.", required=False),
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions": {
            "post": op(
                "ClientFailoverGroups_PostClientSessions",
                "Adds a client session to a group, or renames it if it exists; Id is required.",
                group,
                _id_text("client session's", _SESSION_LINKS),
                404,
                body=oa.json_body("ClientSession", "The client session."),
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions/{sessionid}": {
            "delete": op(
                "ClientFailoverGroups_DeleteClientSession",
                "Removes a client session from a group; a Primary's group fails over at once.",
                [V1_GROUP, V1_SESSION_LOWER, TENANT, NAMESPACE],
                _id_text("client session's"),
                404,
            ),
        },
    }


V1 = oa.Api(
    oa.Info(
        "rolecall client failover groups (v1)",
        "v1",
        "Failover groups and the heartbeats of their clients. The group's Primary "
        "is decided by rolecall; every answer carries the group's epoch (fencing token). The "
        "same groups are served as client sessions by the v1-preview API.",
    ),
    _v1_paths,
    V1_SCHEMAS,
    (V1_OPERATION,),
)


# ---- v1-preview: client sessions (seed 000) -----------------------------------------------

PREVIEW_OPERATION = oa.Operations("Client Sessions", ERRORS, oa.TOKEN_ERRORS)
PREVIEW_GROUP = oa.path_param("groupId", "The identifier of the failover group.", example="line1")
PREVIEW_SESSION = oa.path_param(
    "sessionId", "The identifier of the client session.", example="node-a"
)
PREVIEW_PREFIX = (
    "/api/v1-preview/tenants/{tenantId}/namespaces/{namespaceId}/clientfailover/groups/"
    "{groupId}/clientsessions"
)

PREVIEW_SCHEMAS: dict[str, oa.Schema] = {
    "ClientSession": oa.request_object(
        {
            "Id": oa.BODY_ID_SCHEMA,
            "Name": {"type": "string"},
            # Read-only: any integer (or ClientRole name) is taken and ignored.
            "Role": {"type": "integer", "description": "Ignored: the server decides roles."},
            "Heartbeat": oa.ref("FailoverHeartbeat"),
        },
        "A client session. Only Id and Name are used: Role and Heartbeat are the server's.",
        examples=[{"Id": "node-a", "Name": "Node A"}],
    ),
    "ClientSessionOut": oa.obj(
        {
            **oa.props(string="Id Name"),
            "Role": oa.ref("ClientRole"),
            "Heartbeat": oa.ref("IFailoverHeartbeat"),
        },
        "Id Name Role",
        "A client session as the server answers it.",
    ),
    **_role_schemas(
        "FailoverStatus",
        "LastDataProcessedTime",
        "FailoverStatus is the client's score: higher is healthier.",
    ),
}

_SESSION_PARAMS = [TENANT, NAMESPACE, PREVIEW_GROUP, PREVIEW_SESSION]
_CREATED_LINKS = oa.links(
    {**_TENANT_NAMESPACE, "groupId": "$request.path.groupId", "sessionId": "$response.body#/Id"},
    GetClientSession="ClientSessions_GetClientSession",
    PostHeartbeatMessage="ClientSessions_PostHeartbeatMessage",
    DeleteClientSession="ClientSessions_DeleteClientSession",
)


def _preview_paths() -> dict[str, Any]:
    op = PREVIEW_OPERATION
    group = [TENANT, NAMESPACE, PREVIEW_GROUP]
    session_out = oa.ref("ClientSessionOut")
    no_group = "A failover group with that identifier was not found."
    not_found = "A failover group or client session with the specified identifier was not found."
    return {
        PREVIEW_PREFIX: {
            "get": op(
                "ClientSessions_ListClientSessions",
                "Returns the list of client sessions belonging to the specified group.",
                group,
                oa.answer(
                    200, "A list of client sessions.", {"type": "array", "items": session_out}
                ),
                404,
                s404=no_group,
            ),
            "post": op(
                "ClientSessions_PostClientSession",
                "Creates a new client session in the specified group; Id is required.",
                group,
                oa.answer(201, "The client session.", session_out, _CREATED_LINKS),
                404,
                409,
                body=oa.json_body("ClientSession", "The client session being created."),
                s404=no_group,
                s409="A client session with the same identifier already exists.",
            ),
        },
        PREVIEW_PREFIX + "/{sessionId}": {
            "get": op(
                "ClientSessions_GetClientSession",
                "Gets a client session by identifier.",
                _SESSION_PARAMS,
                oa.answer(200, "The client session.", session_out),
                404,
                s404=not_found,
            ),
            "put": op(
                "ClientSessions_PutClientSession",
                "Creates or updates a client session by identifier.",
                _SESSION_PARAMS,
                {
                    **oa.answer(200, "The client session was updated.", session_out),
                    **oa.answer(201, "The client session was created.", session_out),
                },
                404,
                body=oa.json_body(
                    "ClientSession", "The client session being created or updated.", required=False
                ),
                s404=no_group,
            ),
            "delete": op(
                "ClientSessions_DeleteClientSession",
                "Deletes a client session by identifier; a Primary's group fails over at once.",
                _SESSION_PARAMS,
                oa.answer(204, "The client session was deleted."),
                404,
                s404=not_found,
            ),
        },
        PREVIEW_PREFIX + "/{sessionId}/heartbeat": {
            "post": op(
                "ClientSessions_PostHeartbeatMessage",
                "Posts a heartbeat to the client session and answers its role.",
                _SESSION_PARAMS,
                oa.answer(200, "The failover response.", "FailoverResponse"),
                404,
                body=oa.json_body(
                    "FailoverHeartbeat", "The heartbeat of the client session.", required=False
                ),
                s404=not_found,
            ),
        },
    }


V1_PREVIEW = oa.Api(
    oa.Info(
        "rolecall client sessions (v1-preview)",
        "v1-preview",
        "The client sessions of failover groups and their heartbeats. The same "
        "groups are served by the v1 group API.",
    ),
    _preview_paths,
    PREVIEW_SCHEMAS,
    (PREVIEW_OPERATION,),
)

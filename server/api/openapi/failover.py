"""OpenAPI documents of the client failover APIs: v1 groups (seed 001) and v1-preview client
sessions (seed 000). Both serve the same objects; errors are the documented ErrorResponse."""

from __future__ import annotations

from typing import Any

from server.api.openapi.common import (
    BODY_ID_SCHEMA,
    DATE_TIME,
    TOKEN_SECURITY,
    TOKEN_SECURITY_SCHEMES,
    UINT64_STRING,
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
    with_token_auth,
)

ERRORS = ErrorResponses("ErrorResponse")

ERROR_RESPONSE: Schema = {
    "type": "object",
    "description": "Response error for controller methods. `Reason` is a stable code such as "
    "GROUP_NOT_FOUND or UNKNOWN_FIELD; `OperationId` is the request's id, also in the logs.",
    "properties": {
        "OperationId": {**nullable({"type": "string"}), "description": "Operation identifier"},
        "Error": {**nullable({"type": "string"}), "description": "Error string"},
        "Reason": {**nullable({"type": "string"}), "description": "Error reason string"},
        "Resolution": {**nullable({"type": "string"}), "description": "Resolution string"},
    },
    "required": ["OperationId", "Error", "Reason", "Resolution"],
}

CLIENT_ROLE: Schema = {
    "type": "integer",
    "enum": [0, 1, 2],
    "description": "Secondary 0, Primary 1, PendingPrimary 2.",
}

EPOCH: Schema = {
    **UINT64_STRING,
    "description": "The group's fencing token: it grows by one at every change of Primary "
    "(a rolecall addition; a uint64 printed as a JSON string).",
}

TENANT = path_param("tenantId", "The tenant.", example="acme")
NAMESPACE = path_param("namespaceId", "The namespace within the tenant.", example="plant1")


# ---- v1: client failover groups (seed 001) ------------------------------------------------

V1_TAG = "Client Failover Groups"
V1_GROUP = path_param("groupid", "The failover group.", example="collectors")
V1_SESSION = path_param("sessionId", "The client session.", example="node-a")
V1_SESSION_LOWER = path_param("sessionid", "The client session.", example="node-a")
V1_PREFIX = "/api/v1/tenants/{tenantId}/namespaces/{namespaceId}/clientfailover/groups"

V1_SCHEMAS: dict[str, Schema] = {
    "GroupConfiguration": request_object(
        {
            "Id": BODY_ID_SCHEMA,
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
    "ClientSession": request_object(
        {"Id": BODY_ID_SCHEMA, "Name": {"type": "string"}},
        examples=[{"Id": "node-a", "Name": "Node A"}],
    ),
    "ClientSessionInfo": {
        "type": "object",
        "description": "A client session as a group lists it.",
        "properties": {"Id": {"type": "string"}, "Name": {"type": "string"}},
        "required": ["Id", "Name"],
    },
    "IFailoverHeartbeat": {
        "type": "object",
        "properties": {
            "PercentHealthyStreams": {"type": "number"},
            "HeartbeatTime": DATE_TIME,
            "LastDataSendTime": DATE_TIME,
        },
        "required": ["PercentHealthyStreams"],
    },
    "IClientStatus": {
        "type": "object",
        "description": "A client's role and last heartbeat; Heartbeat is absent before the first.",
        "properties": {
            "SessionId": {"type": "string"},
            "Role": ref("ClientRole"),
            "Heartbeat": ref("IFailoverHeartbeat"),
        },
        "required": ["SessionId", "Role"],
    },
    "GroupSessions": {
        "type": "object",
        "properties": {
            "Id": {"type": "string"},
            "Name": {"type": "string"},
            "Description": {"type": "string"},
            "FailoverTimeout": {"type": "string", "description": "time-span"},
            "Milliseconds": {"type": "number"},
            "Sessions": {"type": "object", "additionalProperties": ref("ClientSessionInfo")},
            "Clients": {"type": "object", "additionalProperties": ref("IClientStatus")},
            "Epoch": EPOCH,
        },
        "required": [
            "Id",
            "Name",
            "Description",
            "FailoverTimeout",
            "Milliseconds",
            "Sessions",
            "Clients",
            "Epoch",
        ],
    },
    "FailoverHeartbeat": request_object(
        {
            "PercentHealthyStreams": {"type": "number"},
            "HeartbeatTime": DATE_TIME,
            "LastDataSendTime": DATE_TIME,
        },
        "PercentHealthyStreams is the client's score: the best live secondary takes over, and "
        "one that stays strictly better than the Primary for a whole timeout takes over too.",
    ),
    "FailoverResponse": {
        "type": "object",
        "description": "The client's role now; LastDataSendTime is where a new Primary resumes.",
        "properties": {"Role": ref("ClientRole"), "LastDataSendTime": DATE_TIME, "Epoch": EPOCH},
        "required": ["Role", "Epoch"],
    },
    "ClientRole": CLIENT_ROLE,
    "ErrorResponse": ERROR_RESPONSE,
}

_ID_TEXT = json_response("The group's identifier, as a JSON string.", {"type": "string"})
_GROUP_LINKS = {
    "GetGroup": {
        "operationId": "ClientFailoverGroups_Get",
        "parameters": {
            "tenantId": "$request.path.tenantId",
            "namespaceId": "$request.path.namespaceId",
            "groupid": "$request.body#/Id",
        },
    },
    "PostClientSessions": {
        "operationId": "ClientFailoverGroups_PostClientSessions",
        "parameters": {
            "tenantId": "$request.path.tenantId",
            "namespaceId": "$request.path.namespaceId",
            "groupid": "$request.body#/Id",
        },
    },
}

_SESSION_LINK_PARAMETERS = {
    "tenantId": "$request.path.tenantId",
    "namespaceId": "$request.path.namespaceId",
    "groupid": "$request.path.groupid",
}
_SESSION_LINKS = {
    "PostHeartbeatMessage": {
        "operationId": "ClientFailoverGroups_PostHeartbeatMessage",
        "parameters": {**_SESSION_LINK_PARAMETERS, "sessionId": "$request.body#/Id"},
    },
    "DeleteClientSession": {
        "operationId": "ClientFailoverGroups_DeleteClientSession",
        "parameters": {**_SESSION_LINK_PARAMETERS, "sessionid": "$request.body#/Id"},
    },
}


def _v1_paths() -> dict[str, Any]:
    base = [TENANT, NAMESPACE]
    group = [V1_GROUP, TENANT, NAMESPACE]
    return {
        V1_PREFIX: {
            "get": operation(
                "ClientFailoverGroups_List",
                "Lists the failover groups of a namespace (empty for an unknown namespace).",
                V1_TAG,
                base,
                {
                    "200": json_response(
                        "The groups.", {"type": "array", "items": ref("GroupSessions")}
                    ),
                    **ERRORS(400, 404),
                },
            ),
            "post": operation(
                "ClientFailoverGroups_Post",
                "Creates a failover group; its Id is required.",
                V1_TAG,
                base,
                {
                    "200": {**_ID_TEXT, "links": _GROUP_LINKS},
                    **ERRORS(400, 404, 409, 413, s409="A group with that Id already exists."),
                },
                json_body(ref("GroupConfiguration"), "The group to create."),
            ),
        },
        V1_PREFIX + "/{groupid}": {
            "get": operation(
                "ClientFailoverGroups_Get",
                "Gets a failover group with its sessions and the state of its clients.",
                V1_TAG,
                group,
                {"200": json_response("The group.", ref("GroupSessions")), **ERRORS(400, 404)},
            ),
            "put": operation(
                "ClientFailoverGroups_Put",
                "Creates or updates a failover group, keeping its sessions and roles.",
                V1_TAG,
                group,
                {"200": _ID_TEXT, **ERRORS(400, 404, 413)},
                json_body(ref("GroupConfiguration"), "The group's configuration.", required=False),
            ),
            "delete": operation(
                "ClientFailoverGroups_Delete",
                "Deletes a failover group that has no live client.",
                V1_TAG,
                group,
                {
                    "200": _ID_TEXT,
                    **ERRORS(400, 404, 409, s409="The group still has a live client."),
                },
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions/{sessionId}": {
            "post": operation(
                "ClientFailoverGroups_PostHeartbeatMessage",
                "Posts a heartbeat for a client session and answers its role.",
                V1_TAG,
                [V1_GROUP, V1_SESSION, TENANT, NAMESPACE],
                {
                    "200": json_response("The client's role.", ref("FailoverResponse")),
                    **ERRORS(400, 404, 413),
                },
                json_body(ref("FailoverHeartbeat"), "The heartbeat.", required=False),
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions": {
            "post": operation(
                "ClientFailoverGroups_PostClientSessions",
                "Adds a client session to a group, or renames it if it exists; Id is required.",
                V1_TAG,
                group,
                {
                    "200": json_response(
                        "The client session's identifier, as a JSON string.",
                        {"type": "string"},
                        _SESSION_LINKS,
                    ),
                    **ERRORS(400, 404, 413),
                },
                json_body(ref("ClientSession"), "The client session."),
            ),
        },
        V1_PREFIX + "/{groupid}/clientsessions/{sessionid}": {
            "delete": operation(
                "ClientFailoverGroups_DeleteClientSession",
                "Removes a client session from a group; a Primary's group fails over at once.",
                V1_TAG,
                [V1_GROUP, V1_SESSION_LOWER, TENANT, NAMESPACE],
                {
                    "200": json_response(
                        "The client session's identifier, as a JSON string.", {"type": "string"}
                    ),
                    **ERRORS(400, 404),
                },
            ),
        },
    }


def v1_document() -> dict[str, Any]:
    return document(
        title="rolecall client failover groups (v1)",
        version="v1",
        description="Failover groups and the heartbeats of their clients. The group's Primary "
        "is decided by rolecall; every answer carries the group's epoch (fencing token). The "
        "same groups are served as client sessions by the v1-preview API.",
        paths=with_token_auth(_v1_paths(), ERRORS),
        schemas=V1_SCHEMAS,
        tags=[{"name": V1_TAG}],
        security_schemes=TOKEN_SECURITY_SCHEMES,
        security=TOKEN_SECURITY,
    )


# ---- v1-preview: client sessions (seed 000) -----------------------------------------------

PREVIEW_TAG = "Client Sessions"
PREVIEW_GROUP = path_param("groupId", "The identifier of the failover group.", example="line1")
PREVIEW_SESSION = path_param("sessionId", "The identifier of the client session.", example="node-a")
PREVIEW_PREFIX = (
    "/api/v1-preview/tenants/{tenantId}/namespaces/{namespaceId}/clientfailover/groups/"
    "{groupId}/clientsessions"
)

_HEARTBEAT_PROPERTIES: Schema = {
    "FailoverStatus": {"type": "number"},
    "LastDataProcessedTime": DATE_TIME,
    "HeartbeatTime": DATE_TIME,
}

PREVIEW_SCHEMAS: dict[str, Schema] = {
    "ClientSession": request_object(
        {
            "Id": BODY_ID_SCHEMA,
            "Name": {"type": "string"},
            # Read-only: any integer (or ClientRole name) is taken and ignored.
            "Role": {"type": "integer", "description": "Ignored: the server decides roles."},
            "Heartbeat": ref("FailoverHeartbeat"),
        },
        "A client session. Only Id and Name are used: Role and Heartbeat are the server's.",
        examples=[{"Id": "node-a", "Name": "Node A"}],
    ),
    "ClientSessionOut": {
        "type": "object",
        "description": "A client session as the server answers it.",
        "properties": {
            "Id": {"type": "string"},
            "Name": {"type": "string"},
            "Role": ref("ClientRole"),
            "Heartbeat": ref("IFailoverHeartbeat"),
        },
        "required": ["Id", "Name", "Role"],
    },
    "IFailoverHeartbeat": {"type": "object", "properties": _HEARTBEAT_PROPERTIES},
    "FailoverHeartbeat": request_object(
        _HEARTBEAT_PROPERTIES, "FailoverStatus is the client's score: higher is healthier."
    ),
    "FailoverResponse": {
        "type": "object",
        "description": "The client's role now; LastDataProcessedTime is where a new Primary "
        "resumes.",
        "properties": {
            "Role": ref("ClientRole"),
            "LastDataProcessedTime": DATE_TIME,
            "Epoch": EPOCH,
        },
        "required": ["Role", "Epoch"],
    },
    "ClientRole": CLIENT_ROLE,
    "ErrorResponse": ERROR_RESPONSE,
}

_SESSION_PARAMS = [TENANT, NAMESPACE, PREVIEW_GROUP, PREVIEW_SESSION]
_CREATED_LINKS = {
    "GetClientSession": {
        "operationId": "ClientSessions_GetClientSession",
        "parameters": {
            "tenantId": "$request.path.tenantId",
            "namespaceId": "$request.path.namespaceId",
            "groupId": "$request.path.groupId",
            "sessionId": "$response.body#/Id",
        },
    },
    "PostHeartbeatMessage": {
        "operationId": "ClientSessions_PostHeartbeatMessage",
        "parameters": {
            "tenantId": "$request.path.tenantId",
            "namespaceId": "$request.path.namespaceId",
            "groupId": "$request.path.groupId",
            "sessionId": "$response.body#/Id",
        },
    },
    "DeleteClientSession": {
        "operationId": "ClientSessions_DeleteClientSession",
        "parameters": {
            "tenantId": "$request.path.tenantId",
            "namespaceId": "$request.path.namespaceId",
            "groupId": "$request.path.groupId",
            "sessionId": "$response.body#/Id",
        },
    },
}


def _preview_paths() -> dict[str, Any]:
    session_out = ref("ClientSessionOut")
    not_found = "A failover group or client session with the specified identifier was not found."
    return {
        PREVIEW_PREFIX: {
            "get": operation(
                "ClientSessions_ListClientSessions",
                "Returns the list of client sessions belonging to the specified group.",
                PREVIEW_TAG,
                [TENANT, NAMESPACE, PREVIEW_GROUP],
                {
                    "200": json_response(
                        "A list of client sessions.", {"type": "array", "items": session_out}
                    ),
                    **ERRORS(
                        400, 403, 404, s404="A failover group with that identifier was not found."
                    ),
                },
            ),
            "post": operation(
                "ClientSessions_PostClientSession",
                "Creates a new client session in the specified group; Id is required.",
                PREVIEW_TAG,
                [TENANT, NAMESPACE, PREVIEW_GROUP],
                {
                    "201": json_response("The client session.", session_out, _CREATED_LINKS),
                    **ERRORS(
                        400,
                        403,
                        404,
                        409,
                        413,
                        s404="A failover group with that identifier was not found.",
                        s409="A client session with the same identifier already exists.",
                    ),
                },
                json_body(ref("ClientSession"), "The client session being created."),
            ),
        },
        PREVIEW_PREFIX + "/{sessionId}": {
            "get": operation(
                "ClientSessions_GetClientSession",
                "Gets a client session by identifier.",
                PREVIEW_TAG,
                _SESSION_PARAMS,
                {
                    "200": json_response("The client session.", session_out),
                    **ERRORS(400, 403, 404, s404=not_found),
                },
            ),
            "put": operation(
                "ClientSessions_PutClientSession",
                "Creates or updates a client session by identifier.",
                PREVIEW_TAG,
                _SESSION_PARAMS,
                {
                    "200": json_response("The client session was updated.", session_out),
                    "201": json_response("The client session was created.", session_out),
                    **ERRORS(
                        400,
                        403,
                        404,
                        413,
                        s404="A failover group with that identifier was not found.",
                    ),
                },
                json_body(
                    ref("ClientSession"),
                    "The client session being created or updated.",
                    required=False,
                ),
            ),
            "delete": operation(
                "ClientSessions_DeleteClientSession",
                "Deletes a client session by identifier; a Primary's group fails over at once.",
                PREVIEW_TAG,
                _SESSION_PARAMS,
                {
                    "204": empty_response("The client session was deleted."),
                    **ERRORS(400, 403, 404, s404=not_found),
                },
            ),
        },
        PREVIEW_PREFIX + "/{sessionId}/heartbeat": {
            "post": operation(
                "ClientSessions_PostHeartbeatMessage",
                "Posts a heartbeat to the client session and answers its role.",
                PREVIEW_TAG,
                _SESSION_PARAMS,
                {
                    "200": json_response("The failover response.", ref("FailoverResponse")),
                    **ERRORS(400, 403, 404, 413, s404=not_found),
                },
                json_body(
                    ref("FailoverHeartbeat"), "The heartbeat of the client session.", required=False
                ),
            ),
        },
    }


def v1_preview_document() -> dict[str, Any]:
    return document(
        title="rolecall client sessions (v1-preview)",
        version="v1-preview",
        description="The client sessions of failover groups and their heartbeats. The same "
        "groups are served by the v1 group API.",
        paths=with_token_auth(_preview_paths(), ERRORS),
        schemas=PREVIEW_SCHEMAS,
        tags=[{"name": PREVIEW_TAG}],
        security_schemes=TOKEN_SECURITY_SCHEMES,
        security=TOKEN_SECURITY,
    )

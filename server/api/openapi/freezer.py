"""OpenAPI document of the job sessions and jobs API (seed 004, OpenStack Freezer v2); errors
are falcon's `{"title", "description"}` bodies."""

from __future__ import annotations

from typing import Any

from server.api.openapi.common import (
    ID_SCHEMA,
    TOKEN_SECURITY,
    TOKEN_SECURITY_SCHEMES,
    ErrorResponses,
    Schema,
    document,
    empty_response,
    json_body,
    json_response,
    operation,
    path_param,
    ref,
    request_object,
    with_token_auth,
)
from server.domain.limits import MAX_JOBS_PAGE

ERRORS = ErrorResponses("Error")
SESSIONS_TAG = "Sessions"
JOBS_TAG = "Jobs"
PROJECT = path_param("project_id", "The project; another project's objects are not found.")
SESSION = path_param("session_id", "The session.")
JOB = path_param("job_id", "The job.")
INT32: Schema = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
WORD_ID: Schema = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$", "maxLength": 256}
SCHEDULE: Schema = {
    "type": "object",
    "description": "Freezer's scheduling fields (schedule_interval, schedule_date, "
    "schedule_start_date, schedule_end_date, schedule_cron_fields, ...); unknown ones are 400.",
}
LIST_PARAMETERS = [
    PROJECT,
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_JOBS_PAGE},
        "description": "The most objects to answer; 0 or none means 10.",
    },
    {
        "name": "offset",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    },
    {
        "name": "search",
        "in": "query",
        "required": False,
        "description": 'A Freezer search document as JSON text, `{"match": [{"key": value}], '
        '"match_not": [...]}`; Freezer\'s GET body with the same document works too.',
        "schema": {"type": "string"},
    },
]

_SESSION_FIELDS: Schema = {
    "description": {"type": "string"},
    "hold_off": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "session_tag": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "schedule": SCHEDULE,
    "status": {"type": "string"},
    "result": {"type": "string"},
}
_JOB_FIELDS: Schema = {
    "job_id": {**WORD_ID, "pattern": "^[A-Za-z0-9_-]*$", "description": '"" picks one.'},
    "client_id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"},
    "description": {"type": "string"},
    "job_schedule": SCHEDULE,
    "job_actions": {"type": "array", "items": {"type": "object"}},
    "session_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"},
    "session_tag": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
}
_SESSION_JOB: Schema = {
    "type": "object",
    "properties": {
        "client_id": {"type": "string"},
        "status": {"type": "string"},
        "result": {"type": "string"},
        "time_started": {"type": "number"},
        "time_ended": {"type": "number"},
    },
}

SCHEMAS: dict[str, Schema] = {
    "SessionFields": request_object(
        _SESSION_FIELDS,
        "A session's writable fields; schedule is required to create one.",
        examples=[{"schedule": {"schedule_interval": "1 days"}, "description": "nightly"}],
    ),
    "SessionPatch": request_object(
        {"session_id": ID_SCHEMA, **_SESSION_FIELDS},
        "The fields to change and, on this PATCH of the collection, the session's session_id.",
    ),
    "SessionFieldsPatch": request_object(
        {
            "session_id": {"type": "string", "description": "Ignored: the path names the session."},
            **_SESSION_FIELDS,
        },
        "The fields to change.",
    ),
    "Session": {
        "type": "object",
        "properties": {
            "session_id": {"type": "string"},
            "project_id": {"type": "string"},
            "user_id": {"type": "string"},
            "description": {"type": "string"},
            "hold_off": {"type": "integer"},
            "session_tag": {"type": "integer"},
            "schedule": {"type": "object"},
            "status": {"type": "string"},
            "result": {"type": "string"},
            "jobs": {"type": "object", "additionalProperties": _SESSION_JOB},
            "time_start": {"type": "number"},
            "time_end": {"type": "number"},
            "time_started": {"type": "number"},
            "time_ended": {"type": "number"},
            "_version": {"type": "integer"},
        },
        "required": ["session_id", "project_id", "session_tag", "status", "jobs", "_version"],
    },
    "SessionList": {
        "type": "object",
        "properties": {"sessions": {"type": "array", "items": ref("Session")}},
        "required": ["sessions"],
    },
    "SessionCreated": {
        "type": "object",
        "properties": {"session_id": {"type": "string"}},
        "required": ["session_id"],
    },
    "SessionUpdated": {
        "type": "object",
        "properties": {"session_id": {"type": "string"}, "version": {"type": "integer"}},
        "required": ["session_id", "version"],
    },
    "Action": request_object(
        {
            "start": request_object({"job_id": {"type": "string"}, "current_tag": INT32}),
            "end": request_object(
                {"job_id": {"type": "string"}, "result": {"type": "string"}, "current_tag": INT32}
            ),
        },
        "Exactly one of start and end.",
    ),
    "ActionResult": {
        "type": "object",
        "properties": {
            "result": {"type": "string", "examples": ["success", "hold-off", "out-of-sync"]},
            "session_tag": {"type": "integer"},
        },
        "required": ["result", "session_tag"],
    },
    "JobFields": request_object(
        _JOB_FIELDS,
        "A job's writable fields; client_id, job_schedule and job_actions are required to "
        "create one.",
        examples=[
            {
                "client_id": "node-a",
                "description": "backup",
                "job_schedule": {},
                "job_actions": [{"freezer_action": {"action": "backup"}}],
            }
        ],
    ),
    "JobPatch": request_object(
        {**_JOB_FIELDS, "job_id": {"type": "string", "description": "Ignored: the path names it."}},
        "The job fields to change.",
    ),
    "Job": {
        "type": "object",
        "properties": {
            "job_id": {"type": "string"},
            "project_id": {"type": "string"},
            "user_id": {"type": "string"},
            "client_id": {"type": "string"},
            "description": {"type": "string"},
            "job_schedule": {"type": "object"},
            "job_actions": {"type": "array", "items": {"type": "object"}},
            "session_id": {"type": "string"},
            "session_tag": {"type": "integer"},
            "_version": {"type": "integer"},
        },
        "required": ["job_id", "project_id", "client_id", "session_id", "_version"],
    },
    "JobList": {
        "type": "object",
        "properties": {"jobs": {"type": "array", "items": ref("Job")}},
        "required": ["jobs"],
    },
    "JobCreated": {
        "type": "object",
        "properties": {"job_id": {"type": "string"}},
        "required": ["job_id"],
    },
    "JobUpdated": {
        "type": "object",
        "properties": {"job_id": {"type": "string"}, "version": {"type": "integer"}},
        "required": ["job_id", "version"],
    },
    "Error": {
        "type": "object",
        "description": "falcon's HTTPError body; reason, resolution and operation_id are "
        "rolecall additions.",
        "properties": {
            "title": {"type": "string"},
            "description": {"type": "string"},
            "reason": {"type": "string"},
            "resolution": {"type": "string"},
            "operation_id": {"type": "string"},
        },
        "required": ["title", "description"],
    },
}


def _link(operation_id: str, name: str, pointer: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "parameters": {"project_id": "$request.path.project_id", name: pointer},
    }


def _session_paths() -> dict[str, Any]:
    """The /sessions paths: sessions, their jobs, and the start/end actions."""
    session = [PROJECT, SESSION]
    session_job = [PROJECT, SESSION, JOB]
    action = operation(
        "sessions_action",
        "Start or end a job in the session's run (Freezer's state machine).",
        SESSIONS_TAG,
        session,
        {
            "202": json_response("The outcome.", ref("ActionResult")),
            **ERRORS(
                400,
                401,
                403,
                404,
                413,
                s400="No action, an unknown action, or a job that is not in the session.",
            ),
        },
        json_body(ref("Action"), "The action."),
    )
    return {
        "/v2/{project_id}/sessions": {
            "get": operation(
                "sessions_list",
                "Lists sessions.",
                SESSIONS_TAG,
                LIST_PARAMETERS,
                {
                    "200": json_response("A page of sessions.", ref("SessionList")),
                    **ERRORS(400, 401, 403),
                },
            ),
            "post": operation(
                "sessions_create",
                "Creates a session.",
                SESSIONS_TAG,
                [PROJECT],
                {
                    "201": json_response(
                        "The new session's identifier.",
                        ref("SessionCreated"),
                        {
                            "GetSession": _link(
                                "sessions_get", "session_id", "$response.body#/session_id"
                            ),
                            "DeleteSession": _link(
                                "sessions_delete", "session_id", "$response.body#/session_id"
                            ),
                        },
                    ),
                    **ERRORS(400, 401, 413),
                },
                json_body(ref("SessionFields"), "The session; schedule is required."),
            ),
            "patch": operation(
                "sessions_update_collection",
                "Updates a session named by session_id in the body.",
                SESSIONS_TAG,
                [PROJECT],
                {
                    "200": json_response("The new version.", ref("SessionUpdated")),
                    **ERRORS(400, 401, 404, 413),
                },
                json_body(ref("SessionPatch"), "The fields to change and the session_id."),
            ),
        },
        "/v2/{project_id}/sessions/{session_id}": {
            "get": operation(
                "sessions_get",
                "Shows a session with its jobs.",
                SESSIONS_TAG,
                session,
                {
                    "200": json_response("The session.", ref("Session")),
                    **ERRORS(400, 401, 403, 404),
                },
            ),
            "patch": operation(
                "sessions_update",
                "Updates a session.",
                SESSIONS_TAG,
                session,
                {
                    "200": json_response("The new version.", ref("SessionUpdated")),
                    **ERRORS(400, 401, 404, 413),
                },
                json_body(ref("SessionFieldsPatch"), "The fields to change.", required=False),
            ),
            "delete": operation(
                "sessions_delete",
                "Removes a session (404 if unknown, where Freezer answers 204).",
                SESSIONS_TAG,
                session,
                {"204": empty_response("Removed."), **ERRORS(400, 401, 403, 404)},
            ),
        },
        "/v2/{project_id}/sessions/{session_id}/jobs/{job_id}": {
            "put": operation(
                "sessions_add_job",
                "Attaches a job to a session.",
                SESSIONS_TAG,
                session_job,
                {"204": empty_response("Attached."), **ERRORS(400, 401, 403, 404)},
            ),
            "delete": operation(
                "sessions_remove_job",
                "Removes a job from a session.",
                SESSIONS_TAG,
                session_job,
                {"204": empty_response("Removed."), **ERRORS(400, 401, 403, 404)},
            ),
        },
        "/v2/{project_id}/sessions/{session_id}/action": {"post": action},
        "/v2/{project_id}/sessions/{session_id}/actions": {
            "post": {**action, "operationId": "sessions_actions"}
        },
    }


def _job_paths() -> dict[str, Any]:
    """The /jobs paths."""
    job = [PROJECT, JOB]
    return {
        "/v2/{project_id}/jobs": {
            "get": operation(
                "jobs_list",
                "Lists jobs.",
                JOBS_TAG,
                LIST_PARAMETERS,
                {
                    "200": json_response("A page of jobs.", ref("JobList")),
                    **ERRORS(400, 401, 403),
                },
            ),
            "post": operation(
                "jobs_create",
                "Creates a job.",
                JOBS_TAG,
                [PROJECT],
                {
                    "201": json_response(
                        "The new job's identifier.",
                        ref("JobCreated"),
                        {
                            "GetJob": _link("jobs_get", "job_id", "$response.body#/job_id"),
                            "DeleteJob": _link("jobs_delete", "job_id", "$response.body#/job_id"),
                        },
                    ),
                    **ERRORS(400, 401, 409, 413, s409="The project already has that job_id."),
                },
                json_body(ref("JobFields"), "The job."),
            ),
        },
        "/v2/{project_id}/jobs/{job_id}": {
            "get": operation(
                "jobs_get",
                "Shows a job.",
                JOBS_TAG,
                job,
                {"200": json_response("The job.", ref("Job")), **ERRORS(400, 401, 403, 404)},
            ),
            "patch": operation(
                "jobs_update",
                "Updates a job.",
                JOBS_TAG,
                job,
                {
                    "200": json_response("The new version.", ref("JobUpdated")),
                    **ERRORS(400, 401, 404, 413),
                },
                json_body(ref("JobPatch"), "The fields to change.", required=False),
            ),
            "delete": operation(
                "jobs_delete",
                "Removes a job.",
                JOBS_TAG,
                job,
                {"204": empty_response("Removed."), **ERRORS(400, 401, 403, 404)},
            ),
        },
    }


def freezer_document() -> dict[str, Any]:
    paths = {**_session_paths(), **_job_paths()}
    return document(
        title="rolecall job sessions and jobs (OpenStack Freezer v2)",
        version="v2",
        description="Freezer sessions: groups of jobs that share one schedule and start "
        "together, with Freezer's start/end state machine. Projects are isolated.",
        paths=with_token_auth(paths, ERRORS),
        schemas=SCHEMAS,
        tags=[{"name": SESSIONS_TAG}, {"name": JOBS_TAG}],
        security_schemes={
            **TOKEN_SECURITY_SCHEMES,
            "XAuthToken": {
                "type": "apiKey",
                "in": "header",
                "name": "X-Auth-Token",
                "description": "The same token, as OpenStack clients send it.",
            },
        },
        security=[*TOKEN_SECURITY, {"XAuthToken": []}],
    )

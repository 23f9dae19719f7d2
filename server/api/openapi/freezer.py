"""OpenAPI document of the job sessions and jobs API (seed 004, OpenStack Freezer v2); errors
are falcon's `{"title", "description"}` bodies."""

from __future__ import annotations

from typing import Any

import server.api.openapi.common as oa
from server.domain.limits import MAX_JOBS_PAGE

ERRORS = oa.ErrorResponses("Error")
SESSION_OPERATION = oa.Operations("Sessions", ERRORS, oa.TOKEN_ERRORS)
JOB_OPERATION = oa.Operations("Jobs", ERRORS, oa.TOKEN_ERRORS)
PROJECT = oa.path_param("project_id", "The project; another project's objects are not found.")
SESSION = oa.path_param("session_id", "The session.")
JOB = oa.path_param("job_id", "The job.")
INT32: oa.Schema = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
WORD_ID: oa.Schema = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$", "maxLength": 256}
SCHEDULE: oa.Schema = {
    "type": "object",
    "description": "Freezer's scheduling fields (schedule_interval, schedule_date, "
    "schedule_start_date, schedule_end_date, schedule_cron_fields, ...); unknown ones are 400.",
}
LIST_PARAMETERS = [
    PROJECT,
    oa.query_param(
        "limit",
        {"type": "integer", "minimum": 0, "maximum": MAX_JOBS_PAGE},
        "The most objects to answer; 0 or none means 10.",
    ),
    oa.query_param("offset", {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}),
    oa.query_param(
        "search",
        {"type": "string"},
        'A Freezer search document as JSON text, `{"match": [{"key": value}], '
        '"match_not": [...]}`; Freezer\'s GET body with the same document works too.',
    ),
]

_SESSION_FIELDS: oa.Schema = {
    "description": {"type": "string"},
    "hold_off": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "session_tag": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "schedule": SCHEDULE,
    "status": {"type": "string"},
    "result": {"type": "string"},
}
_JOB_FIELDS: oa.Schema = {
    "job_id": {**WORD_ID, "pattern": "^[A-Za-z0-9_-]*$", "description": '"" picks one.'},
    "client_id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"},
    "description": {"type": "string"},
    "job_schedule": SCHEDULE,
    "job_actions": {"type": "array", "items": {"type": "object"}},
    "session_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"},
    "session_tag": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
}
_SESSION_JOB = oa.obj(oa.props(string="client_id status result", number="time_started time_ended"))

SCHEMAS: dict[str, oa.Schema] = {
    "SessionFields": oa.request_object(
        _SESSION_FIELDS,
        "A session's writable fields; schedule is required to create one.",
        examples=[{"schedule": {"schedule_interval": "1 days"}, "description": "nightly"}],
    ),
    "SessionPatch": oa.request_object(
        {"session_id": oa.ID_SCHEMA, **_SESSION_FIELDS},
        "The fields to change and, on this PATCH of the collection, the session's session_id.",
    ),
    "SessionFieldsPatch": oa.request_object(
        {
            "session_id": {"type": "string", "description": "Ignored: the path names the session."},
            **_SESSION_FIELDS,
        },
        "The fields to change.",
    ),
    "Session": oa.obj(
        {
            **oa.props(
                string="session_id project_id user_id description status result",
                integer="hold_off session_tag _version",
                number="time_start time_end time_started time_ended",
            ),
            "schedule": {"type": "object"},
            "jobs": {"type": "object", "additionalProperties": _SESSION_JOB},
        },
        "session_id project_id session_tag status jobs _version",
    ),
    "SessionList": oa.obj({"sessions": {"type": "array", "items": oa.ref("Session")}}, "sessions"),
    "SessionCreated": oa.obj(oa.props(string="session_id"), "session_id"),
    "SessionUpdated": oa.obj(
        oa.props(string="session_id", integer="version"), "session_id version"
    ),
    "Action": oa.request_object(
        {
            "start": oa.request_object({"job_id": {"type": "string"}, "current_tag": INT32}),
            "end": oa.request_object(
                {"job_id": {"type": "string"}, "result": {"type": "string"}, "current_tag": INT32}
            ),
        },
        "Exactly one of start and end.",
    ),
    "ActionResult": oa.obj(
        {
            "result": {"type": "string", "examples": ["success", "hold-off", "out-of-sync"]},
            "session_tag": {"type": "integer"},
        },
        "result session_tag",
    ),
    "JobFields": oa.request_object(
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
    "JobPatch": oa.request_object(
        {**_JOB_FIELDS, "job_id": {"type": "string", "description": "Ignored: the path names it."}},
        "The job fields to change.",
    ),
    "Job": oa.obj(
        {
            **oa.props(
                string="job_id project_id user_id client_id description session_id",
                integer="session_tag _version",
            ),
            "job_schedule": {"type": "object"},
            "job_actions": {"type": "array", "items": {"type": "object"}},
        },
        "job_id project_id client_id session_id _version",
    ),
    "JobList": oa.obj({"jobs": {"type": "array", "items": oa.ref("Job")}}, "jobs"),
    "JobCreated": oa.obj(oa.props(string="job_id"), "job_id"),
    "JobUpdated": oa.obj(oa.props(string="job_id", integer="version"), "job_id version"),
    "Error": oa.obj(
        oa.props(string="title description reason resolution operation_id"),
        "title description",
        "falcon's HTTPError body; reason, resolution and operation_id are rolecall additions.",
    ),
}


def _created_links(name: str, **operation_ids: str) -> dict[str, Any]:
    """Links from a 201 answer naming the new object (`name` in its body) to `operation_ids`."""
    parameters = {"project_id": "$request.path.project_id", name: f"$response.body#/{name}"}
    return oa.links(parameters, **operation_ids)


def _update(
    op: oa.Operations, what: str, parameters: list[dict[str, Any]], patch: str
) -> dict[str, Any]:
    """The PATCH of a session or job the path names: sessions and jobs update alike."""
    return op(
        f"{what}s_update",
        f"Updates a {what}.",
        parameters,
        oa.answer(200, "The new version.", f"{what.capitalize()}Updated"),
        404,
        body=oa.json_body(patch, "The fields to change.", required=False),
    )


def _session_paths() -> dict[str, Any]:
    """The /sessions paths: sessions, their jobs, and the start/end actions."""
    op = SESSION_OPERATION
    session = [PROJECT, SESSION]
    session_job = [PROJECT, SESSION, JOB]
    action = op(
        "sessions_action",
        "Start or end a job in the session's run (Freezer's state machine).",
        session,
        oa.answer(202, "The outcome.", "ActionResult"),
        404,
        body=oa.json_body("Action", "The action."),
        s400="No action, an unknown action, or a job that is not in the session.",
    )
    created = _created_links(
        "session_id", GetSession="sessions_get", DeleteSession="sessions_delete"
    )
    return {
        "/v2/{project_id}/sessions": {
            "get": op(
                "sessions_list",
                "Lists sessions.",
                LIST_PARAMETERS,
                oa.answer(200, "A page of sessions.", "SessionList"),
            ),
            "post": op(
                "sessions_create",
                "Creates a session.",
                [PROJECT],
                oa.answer(201, "The new session's identifier.", "SessionCreated", created),
                body=oa.json_body("SessionFields", "The session; schedule is required."),
            ),
            "patch": op(
                "sessions_update_collection",
                "Updates a session named by session_id in the body.",
                [PROJECT],
                oa.answer(200, "The new version.", "SessionUpdated"),
                404,
                body=oa.json_body("SessionPatch", "The fields to change and the session_id."),
            ),
        },
        "/v2/{project_id}/sessions/{session_id}": {
            "get": op(
                "sessions_get",
                "Shows a session with its jobs.",
                session,
                oa.answer(200, "The session.", "Session"),
                404,
            ),
            "patch": _update(op, "session", session, "SessionFieldsPatch"),
            "delete": op(
                "sessions_delete",
                "Removes a session (404 if unknown, where Freezer answers 204).",
                session,
                oa.answer(204, "Removed."),
                404,
            ),
        },
        "/v2/{project_id}/sessions/{session_id}/jobs/{job_id}": {
            "put": op(
                "sessions_add_job",
                "Attaches a job to a session.",
                session_job,
                oa.answer(204, "Attached."),
                404,
            ),
            "delete": op(
                "sessions_remove_job",
                "Removes a job from a session.",
                session_job,
                oa.answer(204, "Removed."),
                404,
            ),
        },
        "/v2/{project_id}/sessions/{session_id}/action": {"post": action},
        "/v2/{project_id}/sessions/{session_id}/actions": {
            "post": {**action, "operationId": "sessions_actions"}
        },
    }


def _job_paths() -> dict[str, Any]:
    """The /jobs paths."""
    op = JOB_OPERATION
    job = [PROJECT, JOB]
    return {
        "/v2/{project_id}/jobs": {
            "get": op(
                "jobs_list",
                "Lists jobs.",
                LIST_PARAMETERS,
                oa.answer(200, "A page of jobs.", "JobList"),
            ),
            "post": op(
                "jobs_create",
                "Creates a job.",
                [PROJECT],
                oa.answer(
                    201,
                    "The new job's identifier.",
                    "JobCreated",
                    _created_links("job_id", GetJob="jobs_get", DeleteJob="jobs_delete"),
                ),
                409,
                body=oa.json_body("JobFields", "The job."),
                s409="The project already has that job_id.",
            ),
        },
        "/v2/{project_id}/jobs/{job_id}": {
            "get": op("jobs_get", "Shows a job.", job, oa.answer(200, "The job.", "Job"), 404),
            "patch": _update(op, "job", job, "JobPatch"),
            "delete": op("jobs_delete", "Removes a job.", job, oa.answer(204, "Removed."), 404),
        },
    }


def _paths() -> dict[str, Any]:
    return {**_session_paths(), **_job_paths()}


FREEZER = oa.Api(
    oa.Info(
        "rolecall job sessions and jobs (OpenStack Freezer v2)",
        "v2",
        "Freezer sessions: groups of jobs that share one schedule and start "
        "together, with Freezer's start/end state machine. Projects are isolated.",
    ),
    _paths,
    SCHEMAS,
    (SESSION_OPERATION, JOB_OPERATION),
    security_schemes={
        **oa.TOKEN_SECURITY_SCHEMES,
        "XAuthToken": {
            "type": "apiKey",
            "in": "header",
            "name": "X-Auth-Token",
            "description": "The same token, as OpenStack clients send it.",
        },
    },
    security=[*oa.TOKEN_SECURITY, {"XAuthToken": []}],
)

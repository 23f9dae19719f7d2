"""Freezer job sessions and jobs: the rules, on plain documents (no store, no asyncio).

A session is a group of jobs that share one schedule and run together; its `session_tag` counts
the runs. The start/end actions follow Freezer's `freezer_api/api/v2/sessions.py`:

- start {job_id, current_tag}: a tag above the session's is refused (400). Within `hold_off`
  seconds of the run's start (`time_start`), a job with a lower tag joins the run ("success") and
  one with the session's tag is told "hold-off" (the run it asks for already started). After the
  window, the session's tag starts a new run (tag + 1, status "running", "success"); any other
  tag is "out-of-sync".
- end {job_id, result}: the job is completed with that result; once every job of the session is
  completed, the session is "completed" with result "fail" if any job failed, else "success".

Unlike Freezer, a job must belong to the session for both actions (Freezer lets a "hold-off" or
"out-of-sync" through for a stranger), and the overall result waits for every job (Freezer's loop
could report "fail" while another job still ran).

Documents use Freezer's JSON field names, so the API layer can parse them straight into its
messages. Times are Unix seconds as integers, -1 before they happen. Every change adds one to
`_version`. `server.services.jobs` keeps them in the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.domain.errors import InvalidArgument, MissingObject, TooLarge, check_page_bounds
from server.domain.limits import (
    DEFAULT_HOLD_OFF_SECONDS,
    DEFAULT_JOBS_PAGE,
    MAX_JOB_DOCUMENT_BYTES,
    MAX_JOB_TEXT_LENGTH,
    MAX_JOBS_PAGE,
)

Document = dict[str, Any]

RESULT_SUCCESS = "success"
RESULT_HOLD_OFF = "hold-off"
RESULT_OUT_OF_SYNC = "out-of-sync"

_ISO_DATE = re.compile(
    r"^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d"
    r"(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$",
    re.ASCII,
)
_INTERVAL = re.compile(r"^(continuous|\d+ +(weeks|days|hours|minutes|seconds))$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_WORD_ID = re.compile(r"^[\w-]+$", re.ASCII)
_CLIENT_ID = re.compile(r"^[\w.-]+$", re.ASCII)
_INT_TEXT = re.compile(r"^-?\d{1,16}$", re.ASCII)

# Freezer's scheduling fields (json_schemas.schedule_properties) and what each accepts; a
# schedule holds no other field.
_SCHEDULE_INTS = {"time_created", "time_started", "time_ended", "current_pid"}
_SCHEDULE_ENUMS = {
    "event": {"", "stop", "start", "abort", "remove"},
    "status": {"completed", "stop", "scheduled", "running", "aborting", "removed"},
    "result": {"", "success", "fail", "aborted"},
}
_SCHEDULE_PATTERNS = {
    "schedule_date": _ISO_DATE,
    "schedule_start_date": _ISO_DATE,
    "schedule_end_date": _ISO_DATE,
    "schedule_interval": _INTERVAL,
    "schedule_year": _YEAR,
}
_SCHEDULE_STRINGS = {
    "schedule_month",
    "schedule_day",
    "schedule_week",
    "schedule_day_of_week",
    "schedule_hour",
    "schedule_minute",
    "schedule_second",
}


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What a session action answers: Freezer's {result, session_tag}."""

    result: str
    session_tag: int


def new_session(
    session_id: str, project_id: str, user_id: str, fields: Mapping[str, Any]
) -> Document:
    """A new session document from Freezer's fields; `schedule` is required."""
    if "schedule" not in fields or fields["schedule"] is None:
        raise InvalidArgument(
            "MISSING_SCHEDULE",
            "A session needs a schedule.",
            'Give "schedule", for example {"schedule_interval": "1 days"}.',
        )
    doc: Document = {
        "session_id": session_id,
        "project_id": project_id,
        "user_id": user_id,
        "description": "",
        "hold_off": DEFAULT_HOLD_OFF_SECONDS,
        "session_tag": 0,
        "schedule": {},
        "status": "active",
        "result": "",
        "jobs": {},
        "time_start": -1,
        "time_end": -1,
        "time_started": -1,
        "time_ended": -1,
        "_version": 1,
    }
    doc.update(session_fields(fields))
    doc["status"] = "active"  # as Freezer: a new session is active whatever the body says
    check_size(doc)
    return doc


def new_job(
    job_id: Any, project_id: str, user_id: str, fields: Mapping[str, Any], now: int
) -> Document:
    """A new job document; client_id, job_schedule and job_actions are required."""
    for required in ("client_id", "job_schedule", "job_actions"):
        if fields.get(required) is None:
            raise InvalidArgument(
                "MISSING_JOB_FIELD",
                f"A job needs {required}.",
                "Give client_id, job_schedule and job_actions.",
            )
    if not isinstance(job_id, str) or not _WORD_ID.fullmatch(job_id) or len(job_id) > 256:
        raise InvalidArgument(
            "INVALID_JOB_ID",
            "The job_id holds characters other than letters, digits, '_' and '-'.",
            "Give a job_id of letters, digits, '_' and '-', or none to get one.",
        )
    doc: Document = {
        "job_id": job_id,
        "project_id": project_id,
        "user_id": user_id,
        "client_id": "",
        "description": "",
        "job_schedule": {},
        "job_actions": [],
        "session_id": "",
        "session_tag": 0,
        "_version": 1,
    }
    doc.update(job_fields(fields))
    doc["job_schedule"].update({"time_created": now, "time_started": -1, "time_ended": -1})
    check_size(doc)
    return doc


def add_job(session: Document, job: Document) -> None:
    """Put `job` in `session`: the session keeps a copy of the job's run state, and the job
    takes the session's id, tag and schedule."""
    job_schedule = dict(job.get("job_schedule") or {})
    session["jobs"][job["job_id"]] = {
        "client_id": job.get("client_id", ""),
        "status": job_schedule.get("status", ""),
        "result": job_schedule.get("result", ""),
        "time_started": job_schedule.get("time_started", -1),
        "time_ended": job_schedule.get("time_ended", -1),
    }
    bump(session)
    job["session_id"] = session["session_id"]
    job["session_tag"] = session["session_tag"]
    # Merged, as Freezer's Elasticsearch update merges: the job keeps its run state
    # (time_created, status, ...) and takes the session's scheduling fields.
    job["job_schedule"] = {**job_schedule, **session.get("schedule", {})}
    bump(job)
    check_size(session)
    check_size(job)


def forget_job(session: Document, job_id: str) -> bool:
    """Take `job_id` out of the session's jobs; False if it was not there."""
    if job_id not in session.get("jobs", {}):
        return False
    del session["jobs"][job_id]
    bump(session)
    return True


def detach_job(job: Document, *, stop: bool = False) -> None:
    """The job belongs to no session any more (and is told to stop, when it was removed)."""
    job["session_id"] = ""
    job["session_tag"] = 0
    if stop:
        job["job_schedule"] = {**(job.get("job_schedule") or {}), "event": "stop"}
    bump(job)


def check_action(action: str, params: Mapping[str, Any]) -> str:
    """Refuse an action other than start and end, or one that names no job; answers the job."""
    if action not in ("start", "end"):
        raise InvalidArgument(
            "UNKNOWN_ACTION",
            "The session action is neither start nor end.",
            'Post {"start": {"job_id", "current_tag"}} or {"end": {"job_id", "result"}}.',
        )
    job_id = params.get("job_id")
    if not isinstance(job_id, str) or not job_id:
        raise InvalidArgument(
            "MISSING_JOB_ID", "The action names no job_id.", "Give the job_id of the job."
        )
    return job_id


def run_action(
    session: Document, action: str, params: Mapping[str, Any], now: int
) -> tuple[ActionResult, bool]:
    """Run Freezer's "start" or "end" action on a session (see the module docstring). Answers
    the result and whether the session changed."""
    job_id = check_action(action, params)
    jobs = session.setdefault("jobs", {})
    if job_id not in jobs:
        raise InvalidArgument(
            "JOB_NOT_IN_SESSION",
            f"The job {job_id!r} is not in the session {session.get('session_id')!r}.",
            "Add the job to the session first.",
        )
    if action == "start":
        job_tag = _as_int(params.get("current_tag", 0), "current_tag")
        result, changed = _start(session, jobs[job_id], job_tag, now)
    else:
        job_result = params.get("result")
        if not isinstance(job_result, str) or len(job_result) > MAX_JOB_TEXT_LENGTH:
            raise InvalidArgument(
                "INVALID_RESULT",
                "The end action's result is not a string.",
                'Give "result": "success" or "fail".',
            )
        result, changed = _end(session, jobs[job_id], job_result, now)
    if changed:
        bump(session)
    return ActionResult(result, int(session["session_tag"])), changed


# The JSON type of each stored field, as the API's messages need it (int32 fields included).
_INT32 = range(-(2**31), 2**31)
_STORED_SESSION = {
    "session_id": str,
    "project_id": str,
    "user_id": str,
    "description": str,
    "hold_off": int,
    "session_tag": int,
    "schedule": dict,
    "status": str,
    "result": str,
    "jobs": dict,
    "time_start": float,
    "time_end": float,
    "time_started": float,
    "time_ended": float,
    "_version": int,
}
_STORED_SESSION_JOB = {
    "client_id": str,
    "status": str,
    "result": str,
    "time_started": float,
    "time_ended": float,
}
_STORED_JOB = {
    "job_id": str,
    "project_id": str,
    "user_id": str,
    "client_id": str,
    "description": str,
    "job_schedule": dict,
    "job_actions": list,
    "session_id": str,
    "session_tag": int,
    "_version": int,
}


def stored_session(doc: Document) -> Document:
    """`doc` if it is a sound stored session; ValueError naming the first bad field if not."""
    _check_shape(doc, _STORED_SESSION, "session_id")
    for job_id, job in doc.get("jobs", {}).items():
        if not isinstance(job, dict):
            raise ValueError(f"jobs.{job_id} is not an object")
        _check_shape(job, _STORED_SESSION_JOB, None)
    return doc


def stored_job(doc: Document) -> Document:
    """`doc` if it is a sound stored job; ValueError naming the first bad field if not."""
    return _check_shape(doc, _STORED_JOB, "job_id")


def _check_shape(doc: Document, shape: dict[str, type], id_field: str | None) -> Document:
    if id_field is not None and not isinstance(doc.get(id_field), str):
        raise ValueError(f"{id_field} is missing or not a string")
    for name, kind in shape.items():
        if name not in doc:
            continue
        value = doc[name]
        if kind is float:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        elif kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool) and value in _INT32
        else:
            ok = isinstance(value, kind)
        if not ok:
            raise ValueError(f"{name} is not a {kind.__name__}")
    return doc


job_session_not_found = MissingObject(
    "JOB_SESSION_NOT_FOUND",
    "The project has no job session {id}.",
    "List the project's sessions to find its identifier.",
)
job_not_found = MissingObject(
    "JOB_NOT_FOUND",
    "The project has no job {id}.",
    "List the project's jobs to find its identifier.",
)


def _start(session: Document, job: Document, job_tag: int, now: int) -> tuple[str, bool]:
    session_tag = int(session.get("session_tag", 0))
    if job_tag > session_tag:
        raise InvalidArgument(
            "TAG_TOO_HIGH",
            f"The job's tag {job_tag} is above the session's tag {session_tag}.",
            "Start the job with a tag no higher than the session's session_tag.",
        )
    since_start = now - int(session.get("time_start", -1))
    if since_start <= int(session.get("hold_off", DEFAULT_HOLD_OFF_SECONDS)):
        # The run started moments ago: a job behind it joins; one at its tag asked for a new
        # run while this one is young.
        if job_tag < session_tag:
            _job_started(job, now)
            return RESULT_SUCCESS, True
        return RESULT_HOLD_OFF, False
    if job_tag == session_tag:
        session["session_tag"] = session_tag + 1
        session["time_start"] = now
        session["status"] = "running"
        session["result"] = ""
        _job_started(job, now)
        return RESULT_SUCCESS, True
    return RESULT_OUT_OF_SYNC, False


def _end(session: Document, job: Document, result: str, now: int) -> tuple[str, bool]:
    job["status"] = "completed"
    job["result"] = result
    job["time_ended"] = now
    jobs = session.get("jobs", {}).values()
    all_ended = all(j.get("status") == "completed" for j in jobs)
    if all_ended and session.get("status") != "completed":
        failed = any(j.get("result") != RESULT_SUCCESS for j in jobs)
        session["status"] = "completed"
        session["result"] = "fail" if failed else RESULT_SUCCESS
        session["time_end"] = now
    return RESULT_SUCCESS, True


def _job_started(job: Document, now: int) -> None:
    job["status"] = "running"
    job["result"] = ""
    job["time_started"] = now


def bump(doc: Document) -> None:
    doc["_version"] = int(doc.get("_version", 0)) + 1


# -- input checking: Freezer's JSON schemas, as far as the API's fields reach


def session_fields(fields: Mapping[str, Any]) -> Document:
    """The writable session fields present in `fields`, checked; others are ignored, as the
    transcoder ignores unknown body fields."""
    out: Document = {}
    for name in ("description", "status", "result"):
        if fields.get(name) is not None:
            out[name] = _as_text(fields[name], name)
    for name in ("hold_off", "session_tag"):
        if fields.get(name) is not None:
            out[name] = _as_int(fields[name], name, minimum=0)
    if fields.get("schedule") is not None:
        out["schedule"] = _schedule(fields["schedule"], "schedule")
    return out


def job_fields(fields: Mapping[str, Any]) -> Document:
    out: Document = {}
    if fields.get("job_id") is not None:
        out["job_id"] = _as_text(fields["job_id"], "job_id")
    if fields.get("client_id") is not None:
        client_id = _as_text(fields["client_id"], "client_id")
        if not _CLIENT_ID.fullmatch(client_id):
            raise _invalid("client_id", "letters, digits, '.', '_' and '-'")
        out["client_id"] = client_id
    if fields.get("description") is not None:
        out["description"] = _as_text(fields["description"], "description")
    if fields.get("job_schedule") is not None:
        out["job_schedule"] = _schedule(fields["job_schedule"], "job_schedule")
    if fields.get("job_actions") is not None:
        out["job_actions"] = _job_actions(fields["job_actions"])
    if fields.get("session_id") is not None:
        session_id = _as_text(fields["session_id"], "session_id")
        if session_id and not _WORD_ID.fullmatch(session_id):
            raise _invalid("session_id", "letters, digits, '_' and '-'")
        out["session_id"] = session_id
    if fields.get("session_tag") is not None:
        out["session_tag"] = _as_int(fields["session_tag"], "session_tag", minimum=0)
    return out


def _schedule(value: Any, name: str) -> Document:
    if not isinstance(value, Mapping):
        raise _invalid(name, "a JSON object")
    out: Document = {}
    for key, item in value.items():
        if key in _SCHEDULE_INTS:
            out[key] = _as_int(item, f"{name}.{key}")
        elif key in _SCHEDULE_ENUMS:
            allowed = _SCHEDULE_ENUMS[key]
            if not isinstance(item, str) or item not in allowed:
                raise _invalid(f"{name}.{key}", "one of " + ", ".join(sorted(map(repr, allowed))))
            out[key] = item
        elif key in _SCHEDULE_PATTERNS:
            if not isinstance(item, str) or not _SCHEDULE_PATTERNS[key].fullmatch(item):
                raise _invalid(f"{name}.{key}", "a string in Freezer's format for it")
            out[key] = item
        elif key in _SCHEDULE_STRINGS:
            out[key] = _as_text(item, f"{name}.{key}")
        else:
            raise InvalidArgument(
                "UNKNOWN_SCHEDULE_FIELD",
                f"{name} holds the unknown field {key!r}.",
                "Use Freezer's scheduling fields (schedule_interval, schedule_date, ...).",
            )
    return out


def _job_actions(value: Any) -> list[Any]:
    if not isinstance(value, list) or not all(isinstance(a, Mapping) for a in value):
        raise _invalid("job_actions", "a JSON array of objects")
    actions = [_normalise(dict(a)) for a in value]
    for action in actions:
        if "freezer_action" in action and not isinstance(action["freezer_action"], Mapping):
            raise _invalid("job_actions[].freezer_action", "a JSON object")
        for key in ("max_retries", "max_retries_interval"):
            if key in action:
                action[key] = _as_int(action[key], f"job_actions[].{key}")
        if "mandatory" in action and not isinstance(action["mandatory"], bool):
            raise _invalid("job_actions[].mandatory", "true or false")
    return actions


def _normalise(value: Any) -> Any:
    """Integral floats back to ints: JSON numbers reach us as doubles through protobuf."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _as_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool):
        raise _invalid(name, "an integer")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _INT_TEXT.fullmatch(value):
        value = int(value)  # Freezer does int(current_tag): "22" is a tag too
    if not isinstance(value, int) or abs(value) > 2**53:
        raise _invalid(name, "an integer")
    if minimum is not None and value < minimum:
        raise _invalid(name, f"an integer of at least {minimum}")
    return value


def _as_text(value: Any, name: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_JOB_TEXT_LENGTH:
        raise _invalid(name, f"a string of at most {MAX_JOB_TEXT_LENGTH} characters")
    return value


def _invalid(name: str, expected: str) -> InvalidArgument:
    return InvalidArgument(
        "INVALID_FIELD", f"The field {name} is not {expected}.", f"Give {name} as {expected}."
    )


def check_size(doc: Document) -> None:
    if len(json.dumps(doc, separators=(",", ":"))) > MAX_JOB_DOCUMENT_BYTES:
        raise TooLarge(
            "DOCUMENT_TOO_LARGE",
            f"The document would be larger than {MAX_JOB_DOCUMENT_BYTES} bytes of JSON.",
            "Keep descriptions, schedules and actions smaller.",
        )


# -- listing and Freezer's search


def parse_search(text: str) -> dict[str, Any] | None:
    """A search document from the JSON text of the `search` query parameter; None if empty."""
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise _invalid_search() from exc
    if not isinstance(value, dict):
        raise _invalid_search()
    return value


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which documents a listing answers: Freezer's limit, offset and search."""

    limit: int = 0
    offset: int = 0
    search: Mapping[str, Any] | None = None


def page(docs: list[Document], request: PageRequest) -> list[Document]:
    """The page of `docs` (in identifier order) that `request` asks for."""
    limit, offset, search = request.limit, request.offset, request.search
    check_page_bounds(
        limit,
        offset,
        MAX_JOBS_PAGE,
        (
            "INVALID_LIMIT",
            f"The limit must be between 1 and {MAX_JOBS_PAGE}.",
            f"Give limit between 1 and {MAX_JOBS_PAGE}, or none for {DEFAULT_JOBS_PAGE}.",
        ),
        ("INVALID_OFFSET", "The offset must not be negative.", "Give offset of 0 or more."),
    )
    match, match_not = _search_terms(search)
    found = [d for d in docs if _matches(d, match, match_not)]
    return found[offset : offset + (limit or DEFAULT_JOBS_PAGE)]


def _search_terms(
    search: Mapping[str, Any] | None,
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    if not search:
        return [], []
    match = _terms(search.get("match"))
    # Freezer's command line sends [{"_all": "<JSON list of {key: value}>"}]; its SQL driver
    # decodes that list into the match terms.
    if len(match) == 1 and match[0][0] == "_all" and isinstance(match[0][1], str):
        try:
            decoded = json.loads(match[0][1])
        except ValueError as exc:
            raise _invalid_search() from exc
        match = _terms(decoded)
    return match, _terms(search.get("match_not"))


def _terms(entries: Any) -> list[tuple[str, Any]]:
    if entries is None:
        return []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise _invalid_search()
    return [(str(k), _normalise(v)) for entry in entries for k, v in entry.items()]


def _matches(doc: Document, match: list[tuple[str, Any]], match_not: list[tuple[str, Any]]) -> bool:
    """Freezer's search: a key may sit anywhere in the document, nested objects and lists
    included; `match` needs each key to hold its value somewhere, `match_not` none to."""
    if not match and not match_not:
        return True
    keys = {k for k, _ in match} | {k for k, _ in match_not}
    found: dict[str, list[Any]] = {}
    _collect(doc, keys, found)
    return all(v in found.get(k, []) for k, v in match) and not any(
        v in found.get(k, []) for k, v in match_not
    )


def _collect(value: Any, keys: set[str], found: dict[str, list[Any]]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in keys:
                found.setdefault(key, []).append(item)
            _collect(item, keys, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, keys, found)


def _invalid_search() -> InvalidArgument:
    return InvalidArgument(
        "INVALID_SEARCH",
        "The search is not a Freezer search document.",
        'Give {"match": [{"key": value}, ...], "match_not": [{"key": value}, ...]}.',
    )

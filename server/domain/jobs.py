"""Job sessions and jobs, OpenStack Freezer v2 style.

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

Documents are stored under (project_id, id) with Freezer's JSON field names, so the API layer can
parse them straight into its messages. Times are Unix seconds as integers, -1 before they happen.
Every change adds one to `_version`. A project's changes are serialised by one lock, so each
read-modify-write (a session and its jobs together) is atomic through `Store.write`.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from server.domain.clock import Clock
from server.domain.errors import AlreadyExists, InvalidArgument, NotFound, TooLarge, check_id
from server.domain.locks import KeyedLocks
from server.store.base import Store, Write

SESSION_KIND = "job_session"
JOB_KIND = "job"
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
DEFAULT_HOLD_OFF = 30
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_TEXT_LENGTH = 4096

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


class Jobs:
    """Freezer sessions and jobs of every project, kept in the store."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._locks: KeyedLocks[str] = KeyedLocks()

    # -- sessions

    async def list_sessions(
        self,
        project_id: str,
        *,
        limit: int = 0,
        offset: int = 0,
        search: Mapping[str, Any] | None = None,
    ) -> list[Document]:
        """A page of the project's sessions matching `search`, in identifier order."""
        check_id(project_id, "project")
        return _page(await self._scan(SESSION_KIND, project_id), limit, offset, search)

    async def create_session(self, project_id: str, user_id: str, fields: Mapping[str, Any]) -> str:
        """Create a session from Freezer's fields; `schedule` is required. Answers its id."""
        check_id(project_id, "project")
        if "schedule" not in fields or fields["schedule"] is None:
            raise InvalidArgument(
                "MISSING_SCHEDULE",
                "A session needs a schedule.",
                'Give "schedule", for example {"schedule_interval": "1 days"}.',
            )
        session_id = uuid.uuid4().hex
        doc: Document = {
            "session_id": session_id,
            "project_id": project_id,
            "user_id": user_id,
            "description": "",
            "hold_off": DEFAULT_HOLD_OFF,
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
        doc.update(_session_fields(fields))
        doc["status"] = "active"  # as Freezer: a new session is active whatever the body says
        _check_size(doc)
        await self._store.put(SESSION_KIND, (project_id, session_id), doc)
        return session_id

    async def get_session(self, project_id: str, session_id: str) -> Document:
        """The session with its jobs."""
        check_id(project_id, "project")
        return await self._get_session(project_id, session_id)

    async def update_session(
        self, project_id: str, session_id: str, patch: Mapping[str, Any]
    ) -> int:
        """Change the fields the patch holds; answers the new version. `session_id` in the patch
        names the session when `session_id` is empty (Freezer's PATCH on the collection)."""
        check_id(project_id, "project")
        if not session_id:
            session_id = str(patch.get("session_id") or "")
        changes = _session_fields(patch)
        async with self._project(project_id):
            doc = await self._get_session(project_id, session_id)
            doc.update(changes)
            doc["_version"] = int(doc.get("_version", 0)) + 1
            _check_size(doc)
            await self._store.put(SESSION_KIND, (project_id, session_id), doc)
            return int(doc["_version"])

    async def delete_session(self, project_id: str, session_id: str) -> None:
        """Delete a session; its jobs no longer name it."""
        check_id(project_id, "project")
        async with self._project(project_id):
            doc = await self._get_session(project_id, session_id)
            writes = [Write(SESSION_KIND, (project_id, session_id), None)]
            for job_id in doc.get("jobs", {}):
                job = await self._store.get(JOB_KIND, (project_id, job_id))
                if job is not None and job.get("session_id") == session_id:
                    job["session_id"] = ""
                    job["session_tag"] = 0
                    _bump(job)
                    writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def add_job(self, project_id: str, session_id: str, job_id: str) -> None:
        """Put a job in a session: the session keeps a copy of the job's run state, and the job
        takes the session's id, tag and schedule. A job is in one session at most: adding it
        elsewhere takes it out of its previous session."""
        check_id(project_id, "project")
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            job = await self._get_job(project_id, job_id)
            writes: list[Write] = []
            previous_id = str(job.get("session_id") or "")
            if previous_id and previous_id != session_id:
                previous = await self._store.get(SESSION_KIND, (project_id, previous_id))
                if previous is not None and job_id in previous.get("jobs", {}):
                    del previous["jobs"][job_id]
                    _bump(previous)
                    writes.append(Write(SESSION_KIND, (project_id, previous_id), previous))
            job_schedule = dict(job.get("job_schedule") or {})
            session["jobs"][job_id] = {
                "client_id": job.get("client_id", ""),
                "status": job_schedule.get("status", ""),
                "result": job_schedule.get("result", ""),
                "time_started": job_schedule.get("time_started", -1),
                "time_ended": job_schedule.get("time_ended", -1),
            }
            _bump(session)
            job["session_id"] = session_id
            job["session_tag"] = session["session_tag"]
            # Merged, as Freezer's Elasticsearch update merges: the job keeps its run state
            # (time_created, status, ...) and takes the session's scheduling fields.
            job["job_schedule"] = {**job_schedule, **session.get("schedule", {})}
            _bump(job)
            _check_size(session)
            _check_size(job)
            writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def remove_job(self, project_id: str, session_id: str, job_id: str) -> None:
        """Take a job out of a session and reset it (session_id "", session_tag 0, event stop).
        Removing a job that is not in the session changes nothing."""
        check_id(project_id, "project")
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            job = await self._get_job(project_id, job_id)
            writes: list[Write] = []
            if job_id in session.get("jobs", {}):
                del session["jobs"][job_id]
                _bump(session)
                writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            if job.get("session_id") == session_id:
                job["session_id"] = ""
                job["session_tag"] = 0
                job["job_schedule"] = {**(job.get("job_schedule") or {}), "event": "stop"}
                _bump(job)
                writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def run_action(
        self, project_id: str, session_id: str, action: str, params: Mapping[str, Any]
    ) -> ActionResult:
        """Run Freezer's "start" or "end" action on a session (see the module docstring)."""
        check_id(project_id, "project")
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
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            jobs = session.setdefault("jobs", {})
            if job_id not in jobs:
                raise InvalidArgument(
                    "JOB_NOT_IN_SESSION",
                    f"The job {job_id!r} is not in the session {session_id!r}.",
                    "Add the job with PUT /v2/{project_id}/sessions/{session_id}/jobs/{job_id}.",
                )
            now = int(self._clock.wall().timestamp())
            if action == "start":
                job_tag = _as_int(params.get("current_tag", 0), "current_tag")
                result, changed = _start(session, jobs[job_id], job_tag, now)
            else:
                job_result = params.get("result")
                if not isinstance(job_result, str) or len(job_result) > MAX_TEXT_LENGTH:
                    raise InvalidArgument(
                        "INVALID_RESULT",
                        "The end action's result is not a string.",
                        'Give "result": "success" or "fail".',
                    )
                result, changed = _end(session, jobs[job_id], job_result, now)
            if changed:
                _bump(session)
                await self._store.put(SESSION_KIND, (project_id, session_id), session)
            return ActionResult(result, int(session["session_tag"]))

    # -- jobs

    async def list_jobs(
        self,
        project_id: str,
        *,
        limit: int = 0,
        offset: int = 0,
        search: Mapping[str, Any] | None = None,
    ) -> list[Document]:
        """A page of the project's jobs matching `search`, in identifier order."""
        check_id(project_id, "project")
        return _page(await self._scan(JOB_KIND, project_id), limit, offset, search)

    async def create_job(self, project_id: str, user_id: str, fields: Mapping[str, Any]) -> str:
        """Create a job; client_id, job_schedule and job_actions are required, job_id is
        optional. Answers the job's id; ALREADY_EXISTS if the project has that id."""
        check_id(project_id, "project")
        for required in ("client_id", "job_schedule", "job_actions"):
            if fields.get(required) is None:
                raise InvalidArgument(
                    "MISSING_JOB_FIELD",
                    f"A job needs {required}.",
                    "Give client_id, job_schedule and job_actions.",
                )
        job_id = fields.get("job_id") or uuid.uuid4().hex
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
        doc.update(_job_fields(fields))
        now = int(self._clock.wall().timestamp())
        doc["job_schedule"].update({"time_created": now, "time_started": -1, "time_ended": -1})
        _check_size(doc)
        async with self._project(project_id):
            if not await self._store.create(JOB_KIND, (project_id, job_id), doc):
                raise AlreadyExists(
                    "JOB_EXISTS",
                    f"The project already has a job {job_id!r}.",
                    "Give another job_id, or none to get one.",
                )
        return job_id

    async def get_job(self, project_id: str, job_id: str) -> Document:
        check_id(project_id, "project")
        return await self._get_job(project_id, job_id)

    async def update_job(self, project_id: str, job_id: str, patch: Mapping[str, Any]) -> int:
        """Change the fields the patch holds (never job_id nor user_id); answers the new
        version."""
        check_id(project_id, "project")
        changes = _job_fields(patch)
        changes.pop("job_id", None)
        async with self._project(project_id):
            doc = await self._get_job(project_id, job_id)
            doc.update(changes)
            _bump(doc)
            _check_size(doc)
            await self._store.put(JOB_KIND, (project_id, job_id), doc)
            return int(doc["_version"])

    async def delete_job(self, project_id: str, job_id: str) -> None:
        """Delete a job; its session forgets it, so the session's run does not wait for it."""
        check_id(project_id, "project")
        async with self._project(project_id):
            doc = await self._get_job(project_id, job_id)
            writes = [Write(JOB_KIND, (project_id, job_id), None)]
            session_id = str(doc.get("session_id") or "")
            if session_id:
                session = await self._store.get(SESSION_KIND, (project_id, session_id))
                if session is not None and job_id in session.get("jobs", {}):
                    del session["jobs"][job_id]
                    _bump(session)
                    writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            await self._store.write(writes)

    # -- helpers

    async def _scan(self, kind: str, project_id: str) -> list[Document]:
        return [doc for _key, doc in await self._store.scan(kind, (project_id,))]

    async def _get_session(self, project_id: str, session_id: str) -> Document:
        check_id(session_id, "session")
        doc = await self._store.get(SESSION_KIND, (project_id, session_id))
        if doc is None:
            raise NotFound(
                "SESSION_NOT_FOUND",
                f"The project has no session {session_id!r}.",
                "List the project's sessions with GET /v2/{project_id}/sessions.",
            )
        return doc

    async def _get_job(self, project_id: str, job_id: str) -> Document:
        check_id(job_id, "job")
        doc = await self._store.get(JOB_KIND, (project_id, job_id))
        if doc is None:
            raise NotFound(
                "JOB_NOT_FOUND",
                f"The project has no job {job_id!r}.",
                "List the project's jobs with GET /v2/{project_id}/jobs.",
            )
        return doc

    @asynccontextmanager
    async def _project(self, project_id: str) -> AsyncIterator[None]:
        """Hold the project's lock; the lock is dropped when nobody holds or waits for it."""
        async with self._locks.hold(project_id):
            yield


def _start(session: Document, job: Document, job_tag: int, now: int) -> tuple[str, bool]:
    session_tag = int(session.get("session_tag", 0))
    if job_tag > session_tag:
        raise InvalidArgument(
            "TAG_TOO_HIGH",
            f"The job's tag {job_tag} is above the session's tag {session_tag}.",
            "Start the job with a tag no higher than the session's session_tag.",
        )
    since_start = now - int(session.get("time_start", -1))
    if since_start <= int(session.get("hold_off", DEFAULT_HOLD_OFF)):
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


def _bump(doc: Document) -> None:
    doc["_version"] = int(doc.get("_version", 0)) + 1


# -- input checking: Freezer's JSON schemas, as far as the API's fields reach


def _session_fields(fields: Mapping[str, Any]) -> Document:
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


def _job_fields(fields: Mapping[str, Any]) -> Document:
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
    if not isinstance(value, str) or len(value) > MAX_TEXT_LENGTH:
        raise _invalid(name, f"a string of at most {MAX_TEXT_LENGTH} characters")
    return value


def _invalid(name: str, expected: str) -> InvalidArgument:
    return InvalidArgument(
        "INVALID_FIELD", f"The field {name} is not {expected}.", f"Give {name} as {expected}."
    )


def _check_size(doc: Document) -> None:
    if len(json.dumps(doc, separators=(",", ":"))) > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            "DOCUMENT_TOO_LARGE",
            f"The document would be larger than {MAX_DOCUMENT_BYTES} bytes of JSON.",
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


def _page(
    docs: list[Document], limit: int, offset: int, search: Mapping[str, Any] | None
) -> list[Document]:
    if limit < 0 or limit > MAX_LIMIT:
        raise InvalidArgument(
            "INVALID_LIMIT",
            f"The limit must be between 1 and {MAX_LIMIT}.",
            f"Give limit between 1 and {MAX_LIMIT}, or none for {DEFAULT_LIMIT}.",
        )
    if offset < 0:
        raise InvalidArgument(
            "INVALID_OFFSET", "The offset must not be negative.", "Give offset of 0 or more."
        )
    match, match_not = _search_terms(search)
    found = [d for d in docs if _matches(d, match, match_not)]
    return found[offset : offset + (limit or DEFAULT_LIMIT)]


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

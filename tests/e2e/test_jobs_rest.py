"""Seed 004 (OpenStack Freezer v2 sessions, and the jobs they need) through the real Envoy."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

SESSION_KEYS = {
    "session_id",
    "project_id",
    "user_id",
    "description",
    "hold_off",
    "session_tag",
    "schedule",
    "status",
    "result",
    "jobs",
    "time_start",
    "time_end",
    "time_started",
    "time_ended",
    "_version",
}
JOB_KEYS = {
    "job_id",
    "project_id",
    "user_id",
    "client_id",
    "description",
    "job_schedule",
    "job_actions",
    "session_id",
    "session_tag",
    "_version",
}
SESSION_JOB_KEYS = {"client_id", "status", "result", "time_started", "time_ended"}
SCHEDULE = {"schedule_interval": "1 days", "schedule_start_date": "2024-01-01T00:00:00"}
ACTIONS = [
    {"freezer_action": {"action": "backup", "path_to_backup": "/etc"}, "max_retries": 3},
]


@pytest.fixture
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


@pytest.fixture
def project() -> str:
    return f"/v2/p-{uuid.uuid4().hex[:8]}"


def assert_freezer_error(r: httpx.Response, status: int, reason: str | None = None) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["title"], str) and isinstance(body["description"], str), body
    if reason is not None:
        assert body["reason"] == reason, body
    for leaked in ("grpc-status", "grpc-message", "x-error-body", "x-http-status"):
        assert leaked not in r.headers


def make_job(http: httpx.Client, project: str, **fields: Any) -> str:
    body = {"client_id": "node1", "job_schedule": {}, "job_actions": ACTIONS, **fields}
    r = http.post(f"{project}/jobs", json=body)
    assert r.status_code == 201, r.text
    job_id: str = r.json()["job_id"]
    return job_id


def make_session(http: httpx.Client, project: str, **fields: Any) -> str:
    r = http.post(f"{project}/sessions", json={"schedule": SCHEDULE, **fields})
    assert r.status_code == 201, r.text
    session_id: str = r.json()["session_id"]
    return session_id


def action(
    http: httpx.Client, project: str, sid: str, body: dict[str, Any], path: str = "actions"
) -> httpx.Response:
    return http.post(f"{project}/sessions/{sid}/{path}", json=body)


def start(http: httpx.Client, project: str, sid: str, job: str, tag: int) -> dict[str, Any]:
    r = action(http, project, sid, {"start": {"job_id": job, "current_tag": tag}})
    assert r.status_code == 202, r.text
    answer: dict[str, Any] = r.json()
    assert set(answer) == {"result", "session_tag"}
    return answer


def end(http: httpx.Client, project: str, sid: str, job: str, result: str) -> dict[str, Any]:
    r = action(http, project, sid, {"end": {"job_id": job, "result": result}})
    assert r.status_code == 202, r.text
    answer: dict[str, Any] = r.json()
    return answer


# -- jobs ---------------------------------------------------------------------------------------


def test_job_lifecycle_and_shape(http: httpx.Client, project: str) -> None:
    r = http.post(
        f"{project}/jobs",
        json={
            "job_id": "backup-etc",
            "client_id": "node1.example",
            "description": "etc backup",
            "job_schedule": {"schedule_interval": "2 hours"},
            "job_actions": ACTIONS,
        },
        headers={"x-user-id": "u-42"},
    )
    assert r.status_code == 201, r.text
    assert r.json() == {"job_id": "backup-etc"}

    r = http.get(f"{project}/jobs/backup-etc")
    assert r.status_code == 200, r.text
    job = r.json()
    assert set(job) == JOB_KEYS
    assert job["project_id"] == project.removeprefix("/v2/") and job["user_id"] == "bootstrap-admin"
    assert job["client_id"] == "node1.example" and job["description"] == "etc backup"
    assert job["job_schedule"]["schedule_interval"] == "2 hours"
    assert job["job_schedule"]["time_started"] == -1 and job["job_schedule"]["time_created"] > 0
    assert job["job_actions"] == ACTIONS
    assert job["session_id"] == "" and job["session_tag"] == 0 and job["_version"] == 1

    r = http.patch(f"{project}/jobs/backup-etc", json={"description": "renamed"})
    assert r.status_code == 200, r.text
    assert r.json() == {"job_id": "backup-etc", "version": 2}
    assert http.get(f"{project}/jobs/backup-etc").json()["description"] == "renamed"

    # The read-only fields of a job (project_id, user_id, _version) are not part of a create.
    assert_freezer_error(http.post(f"{project}/jobs", json=job), 400, "UNKNOWN_FIELD")
    assert_freezer_error(
        http.post(
            f"{project}/jobs",
            json={"job_id": "backup-etc", "client_id": "c", "job_schedule": {}, "job_actions": []},
        ),
        409,
        "JOB_EXISTS",
    )

    r = http.delete(f"{project}/jobs/backup-etc")
    assert r.status_code == 204 and r.content == b"", r.text
    assert_freezer_error(http.get(f"{project}/jobs/backup-etc"), 404, "JOB_NOT_FOUND")
    assert_freezer_error(http.delete(f"{project}/jobs/backup-etc"), 404, "JOB_NOT_FOUND")
    assert_freezer_error(http.patch(f"{project}/jobs/backup-etc", json={}), 404, "JOB_NOT_FOUND")


def test_job_list_limit_offset_and_search(http: httpx.Client, project: str) -> None:
    ids = [make_job(http, project, job_id=f"j{i:02}", client_id=f"c{i % 2}") for i in range(12)]
    r = http.get(f"{project}/jobs")
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"jobs"}
    assert [j["job_id"] for j in r.json()["jobs"]] == ids[:10]
    listed = http.get(f"{project}/jobs", params={"limit": 3, "offset": 10}).json()["jobs"]
    assert [j["job_id"] for j in listed] == ids[10:]
    # Freezer's search document, as a GET body and as the `search` query parameter.
    search = {"match": [{"client_id": "c1"}], "match_not": [{"job_id": "j01"}]}
    expected = [f"j{i:02}" for i in range(3, 12, 2)]
    r = http.request("GET", f"{project}/jobs", params={"limit": 100}, json=search)
    assert [j["job_id"] for j in r.json()["jobs"]] == expected
    r = http.get(f"{project}/jobs", params={"limit": 100, "search": json.dumps(search)})
    assert [j["job_id"] for j in r.json()["jobs"]] == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"job_schedule": {}, "job_actions": []}, "MISSING_JOB_FIELD"),
        (
            {"client_id": "c", "job_schedule": {"bogus": 1}, "job_actions": []},
            "UNKNOWN_SCHEDULE_FIELD",
        ),
        ({"client_id": "c", "job_schedule": {}, "job_actions": [1]}, "INVALID_FIELD"),
        ({"client_id": "c d", "job_schedule": {}, "job_actions": []}, "INVALID_FIELD"),
        ({"client_id": "c", "job_schedule": {}, "job_actions": [], "colour": 1}, "UNKNOWN_FIELD"),
        (
            {"client_id": "c", "job_schedule": {}, "job_actions": [], "job_id": "a b"},
            "INVALID_JOB_ID",
        ),
    ],
)
def test_bad_jobs_are_400(
    http: httpx.Client, project: str, body: dict[str, Any], reason: str | None
) -> None:
    assert_freezer_error(http.post(f"{project}/jobs", json=body), 400, reason)
    assert http.get(f"{project}/jobs").json() == {"jobs": []}


# -- sessions -----------------------------------------------------------------------------------


def test_session_create_defaults_and_shape(http: httpx.Client, project: str) -> None:
    r = http.post(f"{project}/sessions", json={"schedule": SCHEDULE, "description": "nightly"})
    assert r.status_code == 201, r.text
    assert set(r.json()) == {"session_id"}
    sid = r.json()["session_id"]

    r = http.get(f"{project}/sessions/{sid}")
    assert r.status_code == 200, r.text
    session = r.json()
    assert set(session) == SESSION_KEYS
    assert session["session_id"] == sid and session["project_id"] == project.removeprefix("/v2/")
    assert session["hold_off"] == 30 and session["session_tag"] == 0
    assert session["status"] == "active" and session["result"] == ""
    assert session["schedule"] == SCHEDULE and session["description"] == "nightly"
    assert session["jobs"] == {} and session["_version"] == 1
    assert session["time_start"] == -1 and session["time_end"] == -1


def test_session_needs_a_schedule(http: httpx.Client, project: str) -> None:
    assert_freezer_error(
        http.post(f"{project}/sessions", json={"description": "x"}), 400, "MISSING_SCHEDULE"
    )
    assert http.get(f"{project}/sessions").json() == {"sessions": []}


def test_session_list_limit_offset_and_search(http: httpx.Client, project: str) -> None:
    ids = [make_session(http, project, description=f"d{i % 3}") for i in range(12)]
    r = http.get(f"{project}/sessions")
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"sessions"}
    assert len(r.json()["sessions"]) == 10
    everything = http.get(f"{project}/sessions", params={"limit": 100}).json()["sessions"]
    assert sorted(s["session_id"] for s in everything) == sorted(ids)
    page = http.get(f"{project}/sessions", params={"limit": 5, "offset": 10}).json()["sessions"]
    assert [s["session_id"] for s in page] == [s["session_id"] for s in everything[10:]]
    search = {"match": [{"description": "d1"}]}
    found = http.request("GET", f"{project}/sessions", json=search).json()["sessions"]
    assert len(found) == 4 and {s["description"] for s in found} == {"d1"}
    query = {"search": json.dumps({"match_not": [{"description": "d1"}]}), "limit": "100"}
    assert len(http.get(f"{project}/sessions", params=query).json()["sessions"]) == 8
    assert_freezer_error(
        http.get(f"{project}/sessions", params={"search": "{not json"}), 400, "INVALID_SEARCH"
    )
    assert_freezer_error(http.get(f"{project}/sessions", params={"limit": -1}), 400)


def test_session_patch_on_collection_and_on_item(http: httpx.Client, project: str) -> None:
    sid = make_session(http, project)
    r = http.patch(f"{project}/sessions", json={"session_id": sid, "hold_off": 60})
    assert r.status_code == 200, r.text
    assert r.json() == {"session_id": sid, "version": 2}
    r = http.patch(f"{project}/sessions/{sid}", json={"description": "patched"})
    assert r.status_code == 200, r.text
    assert r.json() == {"session_id": sid, "version": 3}
    session = http.get(f"{project}/sessions/{sid}").json()
    assert session["hold_off"] == 60 and session["description"] == "patched"
    assert session["schedule"] == SCHEDULE

    assert_freezer_error(http.patch(f"{project}/sessions", json={"hold_off": 1}), 400)
    assert_freezer_error(
        http.patch(f"{project}/sessions/nope", json={"hold_off": 1}), 404, "JOB_SESSION_NOT_FOUND"
    )
    assert_freezer_error(http.patch(f"{project}/sessions/{sid}", json={"hold_off": -1}), 400)
    assert_freezer_error(
        http.patch(f"{project}/sessions/{sid}", json={"schedule": {"when": "now"}}),
        400,
        "UNKNOWN_SCHEDULE_FIELD",
    )
    assert http.get(f"{project}/sessions/{sid}").json()["_version"] == 3


def test_session_delete(http: httpx.Client, project: str) -> None:
    sid = make_session(http, project)
    job = make_job(http, project)
    assert http.put(f"{project}/sessions/{sid}/jobs/{job}").status_code == 204
    r = http.delete(f"{project}/sessions/{sid}")
    assert r.status_code == 204 and r.content == b"", r.text
    assert_freezer_error(http.get(f"{project}/sessions/{sid}"), 404, "JOB_SESSION_NOT_FOUND")
    assert_freezer_error(http.delete(f"{project}/sessions/{sid}"), 404, "JOB_SESSION_NOT_FOUND")
    assert http.get(f"{project}/jobs/{job}").json()["session_id"] == ""


# -- jobs in sessions ---------------------------------------------------------------------------


def test_add_and_remove_a_job(http: httpx.Client, project: str) -> None:
    sid = make_session(http, project, session_tag=3)
    job = make_job(http, project, client_id="node7", job_schedule={"schedule_interval": "5 days"})

    r = http.put(f"{project}/sessions/{sid}/jobs/{job}")
    assert r.status_code == 204 and r.content == b"", r.text
    session = http.get(f"{project}/sessions/{sid}").json()
    assert set(session["jobs"]) == {job}
    assert set(session["jobs"][job]) == SESSION_JOB_KEYS
    assert session["jobs"][job]["client_id"] == "node7"
    stamped = http.get(f"{project}/jobs/{job}").json()
    assert stamped["session_id"] == sid and stamped["session_tag"] == 3
    # The job takes the session's schedule.
    assert stamped["job_schedule"]["schedule_interval"] == "1 days"
    assert stamped["job_schedule"]["schedule_start_date"] == SCHEDULE["schedule_start_date"]

    r = http.delete(f"{project}/sessions/{sid}/jobs/{job}")
    assert r.status_code == 204 and r.content == b"", r.text
    assert http.get(f"{project}/sessions/{sid}").json()["jobs"] == {}
    reset = http.get(f"{project}/jobs/{job}").json()
    assert reset["session_id"] == "" and reset["session_tag"] == 0
    assert reset["job_schedule"]["event"] == "stop"

    assert_freezer_error(http.put(f"{project}/sessions/{sid}/jobs/ghost"), 404, "JOB_NOT_FOUND")
    assert_freezer_error(
        http.put(f"{project}/sessions/ghost/jobs/{job}"), 404, "JOB_SESSION_NOT_FOUND"
    )
    assert_freezer_error(http.delete(f"{project}/sessions/{sid}/jobs/ghost"), 404)


# -- the start/end state machine ----------------------------------------------------------------


def test_start_state_machine_with_hold_off_and_out_of_sync(
    http: httpx.Client, project: str
) -> None:
    # A session at tag 5 that never ran: every start is outside the hold-off window.
    sid = make_session(http, project, session_tag=5, hold_off=30)
    jobs = [make_job(http, project) for _ in range(3)]
    for job in jobs:
        assert http.put(f"{project}/sessions/{sid}/jobs/{job}").status_code == 204

    # Outside the window: a tag behind the session's is out of sync, nothing changes.
    assert start(http, project, sid, jobs[0], 3) == {"result": "out-of-sync", "session_tag": 5}
    # A tag above the session's is refused.
    r = action(http, project, sid, {"start": {"job_id": jobs[0], "current_tag": 6}})
    assert_freezer_error(r, 400, "TAG_TOO_HIGH")
    assert http.get(f"{project}/sessions/{sid}").json()["status"] == "active"

    # Outside the window, the session's tag starts a new run.
    assert start(http, project, sid, jobs[0], 5) == {"result": "success", "session_tag": 6}
    session = http.get(f"{project}/sessions/{sid}").json()
    assert session["status"] == "running" and session["session_tag"] == 6
    assert session["time_start"] > 0
    assert session["jobs"][jobs[0]]["status"] == "running"

    # Inside the window: a job behind the run joins it; one at the run's tag is held off.
    assert start(http, project, sid, jobs[1], 5) == {"result": "success", "session_tag": 6}
    assert start(http, project, sid, jobs[2], 6) == {"result": "hold-off", "session_tag": 6}
    session = http.get(f"{project}/sessions/{sid}").json()
    assert session["jobs"][jobs[1]]["status"] == "running"
    assert session["jobs"][jobs[2]]["status"] != "running"
    # The singular /action path is the same operation.
    r = action(http, project, sid, {"start": {"job_id": jobs[2], "current_tag": 5}}, path="action")
    assert r.status_code == 202 and r.json() == {"result": "success", "session_tag": 6}


def test_end_completes_the_session_when_every_job_ended(http: httpx.Client, project: str) -> None:
    for results, overall in ((["success", "fail"], "fail"), (["success", "success"], "success")):
        sid = make_session(http, project)
        jobs = [make_job(http, project) for _ in results]
        for job in jobs:
            assert http.put(f"{project}/sessions/{sid}/jobs/{job}").status_code == 204
        assert start(http, project, sid, jobs[0], 0)["result"] == "success"
        assert start(http, project, sid, jobs[1], 0)["result"] == "success"

        assert end(http, project, sid, jobs[0], results[0]) == {
            "result": "success",
            "session_tag": 1,
        }
        session = http.get(f"{project}/sessions/{sid}").json()
        assert session["status"] == "running"
        assert session["jobs"][jobs[0]]["status"] == "completed"
        assert session["jobs"][jobs[0]]["result"] == results[0]

        end(http, project, sid, jobs[1], results[1])
        session = http.get(f"{project}/sessions/{sid}").json()
        assert session["status"] == "completed" and session["result"] == overall
        assert session["time_end"] >= session["time_start"] > 0


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"stop": {"job_id": "j"}}, "UNKNOWN_FIELD"),
        ({}, "UNKNOWN_ACTION"),
        ({"start": {"current_tag": 0}}, "MISSING_JOB_ID"),
        ({"start": {"job_id": "stranger", "current_tag": 0}}, "JOB_NOT_IN_SESSION"),
        ({"end": {"job_id": "stranger", "result": "success"}}, "JOB_NOT_IN_SESSION"),
        ({"end": {"job_id": "JOB"}}, "INVALID_RESULT"),
    ],
)
def test_bad_actions_are_400_and_change_nothing(
    http: httpx.Client, project: str, body: dict[str, Any], reason: str
) -> None:
    sid = make_session(http, project)
    job = make_job(http, project)
    assert http.put(f"{project}/sessions/{sid}/jobs/{job}").status_code == 204
    before = http.get(f"{project}/sessions/{sid}").json()
    body = json.loads(json.dumps(body).replace('"JOB"', json.dumps(job)))
    assert_freezer_error(action(http, project, sid, body), 400, reason)
    assert http.get(f"{project}/sessions/{sid}").json() == before


def test_action_on_unknown_session_is_404(http: httpx.Client, project: str) -> None:
    r = action(http, project, "ghost", {"start": {"job_id": "j", "current_tag": 0}})
    assert_freezer_error(r, 404, "JOB_SESSION_NOT_FOUND")


# -- projects and bad input ---------------------------------------------------------------------


def test_projects_are_isolated(http: httpx.Client, project: str) -> None:
    other = f"/v2/p-{uuid.uuid4().hex[:8]}"
    sid = make_session(http, project)
    job = make_job(http, project)
    assert_freezer_error(http.get(f"{other}/sessions/{sid}"), 404, "JOB_SESSION_NOT_FOUND")
    assert_freezer_error(http.get(f"{other}/jobs/{job}"), 404, "JOB_NOT_FOUND")
    assert_freezer_error(http.delete(f"{other}/sessions/{sid}"), 404)
    assert_freezer_error(http.delete(f"{other}/jobs/{job}"), 404)
    assert_freezer_error(http.patch(f"{other}/sessions/{sid}", json={"hold_off": 1}), 404)
    assert_freezer_error(http.patch(f"{other}/jobs/{job}", json={"description": "x"}), 404)
    other_sid = make_session(http, other)
    assert_freezer_error(http.put(f"{other}/sessions/{other_sid}/jobs/{job}"), 404)
    assert_freezer_error(http.put(f"{project}/sessions/{other_sid}/jobs/{job}"), 404)
    r = action(http, other, sid, {"start": {"job_id": job, "current_tag": 0}})
    assert_freezer_error(r, 404)
    assert http.get(f"{other}/jobs").json() == {"jobs": []}
    assert [s["session_id"] for s in http.get(f"{other}/sessions").json()["sessions"]] == [
        other_sid
    ]
    assert http.get(f"{project}/sessions/{sid}").json()["_version"] == 1


@pytest.mark.parametrize(
    "content",
    [b'{"schedule": ', b'{"schedule": {}, "hold_off": "soon"}', b'{"schedule": []}', b"[1, 2]"],
)
def test_malformed_or_mistyped_bodies_are_400(
    http: httpx.Client, project: str, content: bytes
) -> None:
    r = http.post(
        f"{project}/sessions", content=content, headers={"content-type": "application/json"}
    )
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert isinstance(r.json(), dict)
    assert http.get(f"{project}/sessions").json() == {"sessions": []}


def test_unknown_fields_are_400(http: httpx.Client, project: str) -> None:
    r = http.post(f"{project}/sessions", json={"schedule": SCHEDULE, "colour": "red"})
    assert_freezer_error(r, 400, "UNKNOWN_FIELD")
    r = http.post(f"{project}/sessions", json={"schedule": SCHEDULE, "Hold_Off": 3})
    assert_freezer_error(r, 400, "UNKNOWN_FIELD")
    assert http.get(f"{project}/sessions").json() == {"sessions": []}


def test_gateway_made_errors_have_the_freezer_body(http: httpx.Client, project: str) -> None:
    r = http.post(
        f"{project}/sessions",
        content=b'{"schedule": ',
        headers={"content-type": "application/json"},
    )
    assert_freezer_error(r, 400)


# -- restart ------------------------------------------------------------------------------------


def test_jobs_and_sessions_survive_a_restart(tmp_path: Path) -> None:
    server = RolecallProcess(tmp_path / "data").start()
    try:
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
            sid = make_session(http, "/v2/p1")
            job = make_job(http, "/v2/p1", job_id="kept")
            assert http.put(f"/v2/p1/sessions/{sid}/jobs/{job}").status_code == 204
            assert start(http, "/v2/p1", sid, job, 0)["result"] == "success"
            session = http.get(f"/v2/p1/sessions/{sid}").json()
            stored_job = http.get(f"/v2/p1/jobs/{job}").json()
        server.stop()
        server.start()
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
            assert http.get(f"/v2/p1/sessions/{sid}").json() == session
            assert http.get(f"/v2/p1/jobs/{job}").json() == stored_job
            assert end(http, "/v2/p1", sid, job, "success")["session_tag"] == 1
            assert http.get(f"/v2/p1/sessions/{sid}").json()["status"] == "completed"
    finally:
        server.stop()

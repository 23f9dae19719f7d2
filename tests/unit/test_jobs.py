"""Freezer job sessions and jobs: fields, membership, the start/end state machine, search."""

from __future__ import annotations

from typing import Any

import pytest

from server.domain import limits
from server.domain.clock import FakeClock
from server.domain.errors import AlreadyExists, InvalidArgument, NotFound, QuotaExceeded
from server.domain.jobs import PageRequest, parse_search
from server.domain.quotas import Quotas
from server.services import jobs as jobs_module
from server.services.jobs import Jobs
from server.store.base import DamagedDocument
from server.store.sqlite import SqliteStore

P1 = "p1"
SCHEDULE = {"schedule_interval": "1 days", "schedule_start_date": "2024-01-01T00:00:00"}
ACTIONS = [{"freezer_action": {"action": "backup", "path_to_backup": "/srv"}, "max_retries": 3}]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def jobs(store: SqliteStore, clock: FakeClock) -> Jobs:
    return Jobs(store, clock)


def now(clock: FakeClock) -> int:
    return int(clock.wall().timestamp())


async def new_job(jobs: Jobs, client_id: str = "node1", **fields: Any) -> str:
    body = {"client_id": client_id, "job_schedule": {}, "job_actions": ACTIONS, **fields}
    return await jobs.create_job(P1, "u1", body)


async def session_with_jobs(jobs: Jobs, count: int, **fields: Any) -> tuple[str, list[str]]:
    session_id = await jobs.create_session(P1, "u1", {"schedule": SCHEDULE, **fields})
    job_ids = [await new_job(jobs, f"node{i}") for i in range(count)]
    for job_id in job_ids:
        await jobs.add_job(P1, session_id, job_id)
    return session_id, job_ids


async def reason_of(call: Any) -> str:
    with pytest.raises((InvalidArgument, NotFound, AlreadyExists)) as caught:
        await call
    return str(caught.value.reason)


# -- sessions


async def test_create_session_takes_freezer_defaults(jobs: Jobs) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": SCHEDULE, "status": "running"})
    doc = await jobs.get_session(P1, session_id)
    assert doc["session_id"] == session_id
    assert (doc["project_id"], doc["user_id"]) == (P1, "u1")
    assert (doc["hold_off"], doc["session_tag"], doc["status"]) == (30, 0, "active")
    assert doc["schedule"] == SCHEDULE
    assert doc["jobs"] == {}
    assert (doc["time_start"], doc["time_end"], doc["_version"]) == (-1, -1, 1)


async def test_create_session_keeps_given_fields(jobs: Jobs) -> None:
    session_id = await jobs.create_session(
        P1, "u1", {"schedule": {}, "hold_off": 5.0, "session_tag": 7, "description": "nightly"}
    )
    doc = await jobs.get_session(P1, session_id)
    assert (doc["hold_off"], doc["session_tag"], doc["description"]) == (5, 7, "nightly")
    assert isinstance(doc["hold_off"], int)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({}, "MISSING_SCHEDULE"),
        ({"schedule": None}, "MISSING_SCHEDULE"),
        ({"schedule": []}, "INVALID_FIELD"),
        ({"schedule": {"colour": "blue"}}, "UNKNOWN_SCHEDULE_FIELD"),
        ({"schedule": {"schedule_interval": "often"}}, "INVALID_FIELD"),
        ({"schedule": {"schedule_date": "yesterday"}}, "INVALID_FIELD"),
        ({"schedule": {"event": "explode"}}, "INVALID_FIELD"),
        ({"schedule": {"event": ["start"]}}, "INVALID_FIELD"),
        ({"schedule": {"time_created": "soon"}}, "INVALID_FIELD"),
        ({"schedule": {}, "hold_off": -1}, "INVALID_FIELD"),
        ({"schedule": {}, "session_tag": 1.5}, "INVALID_FIELD"),
        ({"schedule": {}, "description": 3}, "INVALID_FIELD"),
    ],
)
async def test_bad_session_bodies_are_refused_and_store_nothing(
    jobs: Jobs, store: SqliteStore, fields: dict[str, Any], reason: str
) -> None:
    assert await reason_of(jobs.create_session(P1, "u1", fields)) == reason
    assert await store.scan(jobs_module.SESSION_KIND) == []


async def test_sessions_are_invisible_across_projects(jobs: Jobs) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": {}})
    assert await reason_of(jobs.get_session("p2", session_id)) == "JOB_SESSION_NOT_FOUND"
    assert await reason_of(jobs.update_session("p2", session_id, {})) == "JOB_SESSION_NOT_FOUND"
    assert await reason_of(jobs.delete_session("p2", session_id)) == "JOB_SESSION_NOT_FOUND"
    assert await jobs.list_sessions("p2") == []
    assert await jobs.get_session(P1, session_id)


async def test_patch_changes_given_fields_and_counts_versions(jobs: Jobs) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": SCHEDULE, "description": "a"})
    assert await jobs.update_session(P1, session_id, {"hold_off": 0}) == 2
    # Freezer's collection PATCH: the session is named in the body.
    patch = {"session_id": session_id, "schedule": {"schedule_interval": "2 hours"}}
    assert await jobs.update_session(P1, "", patch) == 3
    doc = await jobs.get_session(P1, session_id)
    assert (doc["hold_off"], doc["description"], doc["_version"]) == (0, "a", 3)
    assert doc["schedule"] == {"schedule_interval": "2 hours"}


async def test_patch_without_a_session_id_is_refused(jobs: Jobs) -> None:
    assert await reason_of(jobs.update_session(P1, "", {"hold_off": 1})) == "MISSING_ID"


async def test_bad_patch_changes_nothing(jobs: Jobs) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": {}})
    assert await reason_of(jobs.update_session(P1, session_id, {"hold_off": "x"})) == (
        "INVALID_FIELD"
    )
    assert (await jobs.get_session(P1, session_id))["_version"] == 1


async def test_delete_session_releases_its_jobs(jobs: Jobs) -> None:
    session_id, [job_id] = await session_with_jobs(jobs, 1)
    await jobs.delete_session(P1, session_id)
    assert await reason_of(jobs.get_session(P1, session_id)) == "JOB_SESSION_NOT_FOUND"
    job = await jobs.get_job(P1, job_id)
    assert (job["session_id"], job["session_tag"]) == ("", 0)


# -- membership


async def test_add_job_copies_state_and_stamps_the_job(jobs: Jobs, clock: FakeClock) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": SCHEDULE, "session_tag": 4})
    job_id = await new_job(jobs, job_schedule={"status": "scheduled"}, description="d")
    await jobs.add_job(P1, session_id, job_id)
    session = await jobs.get_session(P1, session_id)
    assert session["jobs"] == {
        job_id: {
            "client_id": "node1",
            "status": "scheduled",
            "result": "",
            "time_started": -1,
            "time_ended": -1,
        }
    }
    assert session["_version"] == 2
    job = await jobs.get_job(P1, job_id)
    assert (job["session_id"], job["session_tag"], job["_version"]) == (session_id, 4, 2)
    assert job["job_schedule"] == {
        "status": "scheduled",
        "time_created": now(clock),
        "time_started": -1,
        "time_ended": -1,
        **SCHEDULE,
    }


async def test_add_job_needs_both_to_exist_in_the_project(jobs: Jobs) -> None:
    session_id = await jobs.create_session(P1, "u1", {"schedule": {}})
    job_id = await new_job(jobs)
    assert await reason_of(jobs.add_job(P1, session_id, "nope")) == "JOB_NOT_FOUND"
    assert await reason_of(jobs.add_job(P1, "nope", job_id)) == "JOB_SESSION_NOT_FOUND"
    assert await reason_of(jobs.add_job("p2", session_id, job_id)) == "JOB_SESSION_NOT_FOUND"


async def test_a_job_moves_out_of_its_previous_session(jobs: Jobs) -> None:
    first, [job_id] = await session_with_jobs(jobs, 1)
    second = await jobs.create_session(P1, "u1", {"schedule": {}})
    await jobs.add_job(P1, second, job_id)
    assert (await jobs.get_session(P1, first))["jobs"] == {}
    assert list((await jobs.get_session(P1, second))["jobs"]) == [job_id]


async def test_remove_job_resets_the_job(jobs: Jobs) -> None:
    session_id, [job_id] = await session_with_jobs(jobs, 1, session_tag=3)
    await jobs.remove_job(P1, session_id, job_id)
    assert (await jobs.get_session(P1, session_id))["jobs"] == {}
    job = await jobs.get_job(P1, job_id)
    assert (job["session_id"], job["session_tag"]) == ("", 0)
    assert job["job_schedule"]["event"] == "stop"
    version = job["_version"]
    await jobs.remove_job(P1, session_id, job_id)  # again: nothing to do
    assert (await jobs.get_job(P1, job_id))["_version"] == version


async def test_delete_job_leaves_its_session(jobs: Jobs) -> None:
    session_id, [job_id, other] = await session_with_jobs(jobs, 2)
    await jobs.delete_job(P1, job_id)
    assert list((await jobs.get_session(P1, session_id))["jobs"]) == [other]
    assert await reason_of(jobs.get_job(P1, job_id)) == "JOB_NOT_FOUND"
    assert await reason_of(jobs.delete_job(P1, job_id)) == "JOB_NOT_FOUND"


# -- the state machine


async def test_start_and_end_follow_freezer(jobs: Jobs, clock: FakeClock) -> None:
    session_id, [a, b] = await session_with_jobs(jobs, 2)

    # Never started: outside any hold-off window, the session's tag starts run 1.
    result = await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 0})
    assert (result.result, result.session_tag) == ("success", 1)
    session = await jobs.get_session(P1, session_id)
    assert (session["status"], session["result"], session["time_start"]) == (
        "running",
        "",
        now(clock),
    )
    assert session["jobs"][a]["status"] == "running"
    assert session["jobs"][a]["time_started"] == now(clock)

    # Within hold_off (30 s): a job one run behind joins; one at the new tag is held off.
    clock.advance(10)
    result = await jobs.run_action(P1, session_id, "start", {"job_id": b, "current_tag": 0})
    assert (result.result, result.session_tag) == ("success", 1)
    result = await jobs.run_action(P1, session_id, "start", {"job_id": b, "current_tag": 1})
    assert (result.result, result.session_tag) == ("hold-off", 1)

    # A tag above the session's is refused.
    action = jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 2})
    assert await reason_of(action) == "TAG_TOO_HIGH"

    # After the window, a stale tag is out of sync.
    clock.advance(21)
    result = await jobs.run_action(P1, session_id, "start", {"job_id": b, "current_tag": 0})
    assert (result.result, result.session_tag) == ("out-of-sync", 1)

    # The run completes when every job ended; one failure fails it.
    result = await jobs.run_action(P1, session_id, "end", {"job_id": a, "result": "success"})
    assert (result.result, result.session_tag) == ("success", 1)
    assert (await jobs.get_session(P1, session_id))["status"] == "running"
    await jobs.run_action(P1, session_id, "end", {"job_id": b, "result": "fail"})
    session = await jobs.get_session(P1, session_id)
    assert (session["status"], session["result"], session["time_end"]) == (
        "completed",
        "fail",
        now(clock),
    )
    assert session["jobs"][b] | {"time_started": 0} == {
        "client_id": "node1",
        "status": "completed",
        "result": "fail",
        "time_started": 0,
        "time_ended": now(clock),
    }

    # The next run: the session's tag starts it, and all successes make it a success.
    result = await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": "1"})
    assert (result.result, result.session_tag) == ("success", 2)
    assert (await jobs.get_session(P1, session_id))["result"] == ""
    clock.advance(1)
    await jobs.run_action(P1, session_id, "start", {"job_id": b, "current_tag": 1})
    await jobs.run_action(P1, session_id, "end", {"job_id": a, "result": "success"})
    await jobs.run_action(P1, session_id, "end", {"job_id": b, "result": "success"})
    session = await jobs.get_session(P1, session_id)
    assert (session["status"], session["result"], session["session_tag"]) == (
        "completed",
        "success",
        2,
    )


async def test_the_hold_off_window_includes_its_last_second(jobs: Jobs, clock: FakeClock) -> None:
    session_id, [a] = await session_with_jobs(jobs, 1, hold_off=5)
    await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 0})
    clock.advance(5)
    result = await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 1})
    assert result.result == "hold-off"
    clock.advance(1)
    result = await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 1})
    assert (result.result, result.session_tag) == ("success", 2)


async def test_hold_off_and_out_of_sync_change_nothing(jobs: Jobs, clock: FakeClock) -> None:
    session_id, [a] = await session_with_jobs(jobs, 1)
    await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 0})
    version = (await jobs.get_session(P1, session_id))["_version"]
    await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 1})
    clock.advance(60)
    await jobs.run_action(P1, session_id, "start", {"job_id": a, "current_tag": 0})
    assert (await jobs.get_session(P1, session_id))["_version"] == version


@pytest.mark.parametrize(
    ("action", "params", "reason"),
    [
        ("stop", {"job_id": "x"}, "UNKNOWN_ACTION"),
        ("", {}, "UNKNOWN_ACTION"),
        ("start", {"current_tag": 0}, "MISSING_JOB_ID"),
        ("start", {"job_id": "stranger", "current_tag": 0}, "JOB_NOT_IN_SESSION"),
        ("end", {"job_id": "stranger", "result": "success"}, "JOB_NOT_IN_SESSION"),
        ("start", {"job_id": "member", "current_tag": "two"}, "INVALID_FIELD"),
        ("end", {"job_id": "member", "result": 1}, "INVALID_RESULT"),
    ],
)
async def test_bad_actions_are_refused_and_change_nothing(
    jobs: Jobs, action: str, params: dict[str, Any], reason: str
) -> None:
    session_id, [member] = await session_with_jobs(jobs, 1)
    params = {k: (member if v == "member" else v) for k, v in params.items()}
    assert await reason_of(jobs.run_action(P1, session_id, action, params)) == reason
    assert (await jobs.get_session(P1, session_id))["_version"] == 2


async def test_actions_on_a_missing_session_are_not_found(jobs: Jobs) -> None:
    action = jobs.run_action(P1, "nope", "start", {"job_id": "j", "current_tag": 0})
    assert await reason_of(action) == "JOB_SESSION_NOT_FOUND"


# -- jobs


async def test_create_job_fills_freezer_fields(jobs: Jobs, clock: FakeClock) -> None:
    job_id = await new_job(jobs, description="nightly", job_schedule={"schedule_hour": "3"})
    job = await jobs.get_job(P1, job_id)
    assert job == {
        "job_id": job_id,
        "project_id": P1,
        "user_id": "u1",
        "client_id": "node1",
        "description": "nightly",
        "job_schedule": {
            "schedule_hour": "3",
            "time_created": now(clock),
            "time_started": -1,
            "time_ended": -1,
        },
        "job_actions": ACTIONS,
        "session_id": "",
        "session_tag": 0,
        "_version": 1,
    }


async def test_create_job_with_a_given_id(jobs: Jobs) -> None:
    assert await new_job(jobs, job_id="backup-1") == "backup-1"
    assert await reason_of(new_job(jobs, job_id="backup-1")) == "JOB_EXISTS"
    body = {"client_id": "n", "job_schedule": {}, "job_actions": [], "job_id": "backup-1"}
    assert await jobs.create_job("p2", "u1", body) == "backup-1"  # projects are separate


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"client_id": None}, "MISSING_JOB_FIELD"),
        ({"job_schedule": None}, "MISSING_JOB_FIELD"),
        ({"job_actions": None}, "MISSING_JOB_FIELD"),
        ({"job_id": "a b"}, "INVALID_JOB_ID"),
        ({"job_id": "ab\n"}, "INVALID_JOB_ID"),
        ({"client_id": "bad client"}, "INVALID_FIELD"),
        ({"job_actions": {"a": 1}}, "INVALID_FIELD"),
        ({"job_actions": [1]}, "INVALID_FIELD"),
        ({"job_actions": [{"mandatory": "yes"}]}, "INVALID_FIELD"),
        ({"job_actions": [{"max_retries": 1.5}]}, "INVALID_FIELD"),
        ({"job_schedule": {"status": "bored"}}, "INVALID_FIELD"),
        ({"session_tag": -2}, "INVALID_FIELD"),
    ],
)
async def test_bad_job_bodies_are_refused_and_store_nothing(
    jobs: Jobs, store: SqliteStore, fields: dict[str, Any], reason: str
) -> None:
    body: dict[str, Any] = {"client_id": "node1", "job_schedule": {}, "job_actions": []}
    body.update(fields)
    assert await reason_of(jobs.create_job(P1, "u1", body)) == reason
    assert await store.scan(jobs_module.JOB_KIND) == []


async def test_patch_job_keeps_its_id_and_counts_versions(jobs: Jobs) -> None:
    job_id = await new_job(jobs)
    version = await jobs.update_job(
        P1, job_id, {"job_id": "other", "description": "x", "job_actions": []}
    )
    assert version == 2
    job = await jobs.get_job(P1, job_id)
    assert (job["job_id"], job["description"], job["job_actions"]) == (job_id, "x", [])
    assert await reason_of(jobs.update_job("p2", job_id, {})) == "JOB_NOT_FOUND"


async def test_job_actions_numbers_come_back_as_integers(jobs: Jobs) -> None:
    job_id = await new_job(jobs, job_actions=[{"max_retries": 3.0, "freezer_action": {"n": 2.0}}])
    job = await jobs.get_job(P1, job_id)
    assert job["job_actions"] == [{"max_retries": 3, "freezer_action": {"n": 2}}]


# -- listing and search


async def test_list_pages_with_limit_and_offset(jobs: Jobs) -> None:
    for _ in range(12):
        await jobs.create_session(P1, "u1", {"schedule": {}})
    everything = await jobs.list_sessions(P1, PageRequest(limit=100))
    assert len(everything) == 12
    assert len(await jobs.list_sessions(P1)) == limits.DEFAULT_JOBS_PAGE
    page = await jobs.list_sessions(P1, PageRequest(limit=5, offset=10))
    assert [d["session_id"] for d in page] == [d["session_id"] for d in everything[10:]]


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"limit": -1}, "INVALID_LIMIT"),
        ({"limit": 1001}, "INVALID_LIMIT"),
        ({"offset": -1}, "INVALID_OFFSET"),
        ({"search": {"match": {"a": 1}}}, "INVALID_SEARCH"),
        ({"search": {"match": [1]}}, "INVALID_SEARCH"),
    ],
)
async def test_bad_list_requests_are_refused(
    jobs: Jobs, kwargs: dict[str, Any], reason: str
) -> None:
    assert await reason_of(jobs.list_jobs(P1, PageRequest(**kwargs))) == reason


async def test_search_matches_keys_anywhere_in_the_document(jobs: Jobs) -> None:
    one, _ = await session_with_jobs(jobs, 1)  # its job's client is node0
    two = await jobs.create_session(P1, "u1", {"schedule": {}, "description": "weekly"})

    async def found(search: dict[str, Any]) -> set[str]:
        return {d["session_id"] for d in await jobs.list_sessions(P1, PageRequest(search=search))}

    assert await found({"match": [{"client_id": "node0"}]}) == {one}
    assert await found({"match_not": [{"client_id": "node0"}]}) == {two}
    assert await found({"match": [{"description": "weekly"}, {"hold_off": 30}]}) == {two}
    assert await found({"match": [{"description": "weekly"}, {"hold_off": 31}]}) == set()
    assert await found({"match": [], "match_not": []}) == {one, two}
    assert await found({"match": [{"_all": '[{"client_id": "node0"}]'}]}) == {one}


async def test_search_applies_before_the_page(jobs: Jobs) -> None:
    for i in range(4):
        await new_job(jobs, client_id="wanted" if i % 2 else "other")
    wanted = {"match": [{"client_id": "wanted"}]}
    page = await jobs.list_jobs(P1, PageRequest(limit=1, offset=1, search=wanted))
    all_wanted = await jobs.list_jobs(P1, PageRequest(search=wanted))
    assert len(all_wanted) == 2
    assert page == all_wanted[1:]


def test_parse_search() -> None:
    assert parse_search("") is None
    assert parse_search('{"match": [{"a": 1}]}') == {"match": [{"a": 1}]}
    for bad in ("{", "[1]", '"x"'):
        with pytest.raises(InvalidArgument) as caught:
            parse_search(bad)
        assert caught.value.reason == "INVALID_SEARCH"


async def test_everything_survives_a_restart(store: SqliteStore, clock: FakeClock) -> None:
    before = Jobs(store, clock)
    session_id = await before.create_session(P1, "u1", {"schedule": SCHEDULE})
    job_id = await before.create_job(
        P1, "u1", {"client_id": "n", "job_schedule": {}, "job_actions": []}
    )
    await before.add_job(P1, session_id, job_id)
    after = Jobs(store, clock)
    assert list((await after.get_session(P1, session_id))["jobs"]) == [job_id]
    assert (await after.get_job(P1, job_id))["session_id"] == session_id


async def test_an_invalid_stored_job_is_kept_aside_and_the_rest_serve(
    jobs: Jobs, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    good = await new_job(jobs)
    await store.put(jobs_module.JOB_KIND, (P1, "bad"), {"job_id": "bad", "session_tag": "x"})
    await store.put(jobs_module.SESSION_KIND, (P1, "bad"), {"session_id": 7})
    assert [j["job_id"] for j in await jobs.list_jobs(P1)] == [good]
    assert await jobs.list_sessions(P1) == []
    assert "kept aside" in caplog.text and "p1/bad" in caplog.text
    with pytest.raises(DamagedDocument):
        await jobs.get_job(P1, "bad")
    assert await store.get(jobs_module.JOB_KIND, (P1, "bad")) is not None  # not deleted


async def test_the_per_project_quota_refuses_one_more_job_or_session(
    store: SqliteStore, clock: FakeClock
) -> None:
    jobs = Jobs(store, clock, Quotas(jobs_per_project=2))
    await new_job(jobs)
    await new_job(jobs)
    with pytest.raises(QuotaExceeded) as caught:
        await new_job(jobs, job_id="third")
    assert caught.value.reason == "QUOTA_EXCEEDED"
    assert len(await jobs.list_jobs(P1)) == 2
    for _ in range(2):
        await jobs.create_session(P1, "u1", {"schedule": SCHEDULE})
    with pytest.raises(QuotaExceeded):
        await jobs.create_session(P1, "u1", {"schedule": SCHEDULE})
    assert len(await jobs.list_sessions(P1)) == 2
    assert await jobs.create_session("p2", "u1", {"schedule": SCHEDULE})  # another project

"""Per-tenant quotas against a real `rolecall serve` + Envoy: one more than the quota is a 409
with the API's documented error body, and nothing changes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.services.users import Users
from server.store.sqlite import SqliteStore
from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e

JOBS = "/v2/p1/jobs"
JOB = {"client_id": "node1", "job_schedule": {}, "job_actions": []}
QUOTA_FLAGS = ["--max-jobs-per-project", "2", "--max-ttl-sessions-per-tenant", "1"]


def add_alice(data: Path) -> None:
    async def run() -> None:
        store = SqliteStore(data / "rolecall.sqlite3")
        await store.open()
        users = Users(store)
        try:
            await users.add("t1", "alice", "pw")
        finally:
            users.close()
            await store.close()

    asyncio.run(run())


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data = tmp_path_factory.mktemp("quotas") / "data"
    add_alice(data)
    server = RolecallProcess(data, extra_args=QUOTA_FLAGS).start()
    try:
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as client:
            yield client
    finally:
        server.stop()


def test_one_job_past_the_project_quota_is_409_and_nothing_changes(http: httpx.Client) -> None:
    assert http.post(JOBS, json=JOB).status_code == 201
    assert http.post(JOBS, json=JOB).status_code == 201
    refused = http.post(JOBS, json={**JOB, "job_id": "third"})
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert body["reason"] == "QUOTA_EXCEEDED" and body["title"] == "Conflict", body
    assert len(http.get(JOBS).json()["jobs"]) == 2
    assert http.get(f"{JOBS}/third").status_code == 404
    assert http.post("/v2/p2/jobs", json=JOB).status_code == 201  # another project


def test_one_ttl_session_past_the_tenant_quota_is_409_problem_details(
    http: httpx.Client,
) -> None:
    login = {"username": "alice", "password": "pw"}
    headers = {"x-g4-tenant": "t1"}
    first = http.post("/session", json=login, headers=headers)
    assert first.status_code == 200 and first.json()["validCredentials"] is True
    refused = http.post("/session", json=login, headers=headers)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert (problem["status"], problem["reason"]) == (409, "QUOTA_EXCEEDED"), problem
    bearer = {**headers, "authorization": f"Bearer {first.json()['bearer']}"}
    session = f"/session/{first.json()['sessionId']}"
    assert http.delete(session, headers=bearer).status_code == 204
    assert http.post("/session", json=login, headers=headers).status_code == 200  # room again

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
QUOTA_FLAGS = [
    *("--max-jobs-per-project", "2", "--max-ttl-sessions-per-tenant", "1"),
    *("--max-groups-per-namespace", "2", "--max-sessions-per-group", "2"),
    *("--max-name-length", "64"),
]
GROUPS = "/api/v1/tenants/t1/namespaces/n1/clientfailover/groups"


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


def group(group_id: str, name: str = "G") -> dict[str, str]:
    return {"Id": group_id, "Name": name, "Description": "", "FailoverTimeout": "00:00:30"}


def assert_failover_error(r: httpx.Response, status: int, reason: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["Reason"] == reason and body["OperationId"], body


def test_failover_groups_and_sessions_past_their_quotas_are_409(http: httpx.Client) -> None:
    assert http.post(GROUPS, json=group("g1")).status_code == 200  # seed 000: 200 with the Id
    assert http.post(GROUPS, json=group("g2")).status_code == 200
    assert_failover_error(http.post(GROUPS, json=group("g3")), 409, "QUOTA_EXCEEDED")
    assert [g["Id"] for g in http.get(GROUPS).json()] == ["g1", "g2"]
    sessions = f"{GROUPS}/g1/clientsessions"
    for session_id in ("c1", "c2"):
        assert http.post(sessions, json={"Id": session_id, "Name": ""}).status_code == 200
    refused = http.post(sessions, json={"Id": "c3", "Name": ""})
    assert_failover_error(refused, 409, "QUOTA_EXCEEDED")
    assert sorted(http.get(f"{GROUPS}/g1").json()["Sessions"]) == ["c1", "c2"]


def test_a_name_past_its_length_is_400_and_not_stored(http: httpx.Client) -> None:
    huge = "N" * (900 * 1024)  # the reproduction stored a 900 KiB Name
    ns = "/api/v1/tenants/t1/namespaces/n2/clientfailover/groups"
    r = http.post(ns, json=group("g1", name=huge))
    assert r.status_code in (400, 413), r.text  # 413 if the gateway's body limit comes first
    assert_failover_error(http.post(ns, json=group("g1", name="N" * 65)), 400, "FIELD_TOO_LONG")
    assert http.get(ns).json() == []

"""Store faults against a real `rolecall serve` + Envoy: a lost database file refuses writes
(503) and turns health NOT_SERVING; a damaged file at start is one clear error; a bad stored
document is kept aside while the rest serves."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from server.services.jobs import JOB_KIND
from server.services.ttl_sessions import KIND as TTL_KIND
from server.services.users import KIND as USER_KIND
from server.services.users import Users
from server.store.sqlite import SqliteStore
from tests.harness import RolecallProcess, wait_until

pytestmark = pytest.mark.e2e

JOBS = "/v2/p1/jobs"
JOB = {"client_id": "node1", "job_schedule": {}, "job_actions": []}
GROUPS = "/api/v1/tenants/t1/namespaces/n1/clientfailover/groups"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RolecallProcess]:
    proc = RolecallProcess(tmp_path / "data").start()
    yield proc
    proc.stop()


def health(server: RolecallProcess) -> object:
    with server.channel() as channel:
        answer = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    return answer.status


def remove(path: Path) -> None:
    path.unlink()


def damage_header(path: Path) -> None:
    with open(path, "r+b") as file:
        file.write(b"garbage garbage!")


@pytest.mark.parametrize("fault", [remove, damage_header], ids=["deleted", "header-damaged"])
def test_a_lost_database_file_refuses_writes_and_health_says_not_serving(
    server: RolecallProcess, fault: Callable[[Path], None]
) -> None:
    with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
        assert http.post(JOBS, json=JOB).status_code == 201
        assert health(server) == health_pb2.HealthCheckResponse.SERVING
        fault(server.data_dir / "rolecall.sqlite3")

        refused = http.post(JOBS, json=JOB)
        assert refused.status_code == 503, refused.text
        assert refused.json()["reason"] == "STORE_LOST"
        group = {"Id": "g1", "Name": "g", "Description": "", "FailoverTimeout": "00:00:30"}
        assert http.post(GROUPS, json=group).status_code == 503
        assert http.post(JOBS, json=JOB).status_code == 503  # and every later write
        assert http.get(JOBS).status_code == 200  # reads still answer

    def not_serving() -> bool:
        return bool(health(server) == health_pb2.HealthCheckResponse.NOT_SERVING)

    assert wait_until(not_serving, timeout=5)
    lines = [line for line in server.output if "store lost" in line]
    assert len(lines) == 1, server.output


def test_a_damaged_database_at_start_is_one_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "rolecall.sqlite3"
    database.write_bytes(b"not a database " * 512)
    args = ["serve", "--grpc-port", "0", "--http-port", "0", "--envoy-admin-port", "0"]
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert done.returncode != 0
    assert str(database) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert database.read_bytes() == b"not a database " * 512  # left for the operator


def seed_bad_documents(data: Path) -> None:
    async def run() -> None:
        store = SqliteStore(data / "rolecall.sqlite3")
        await store.open()
        users = Users(store)
        try:
            await users.add("t1", "alice", "pw")
            await store.put(USER_KIND, ("t1", "mallory"), {"username": "mallory"})
            await store.put(TTL_KIND, ("t1", "bad"), {"expires_at": "soon", "timeout": 5})
            await store.put(JOB_KIND, ("p1", "bad"), {"job_id": "bad", "session_tag": "x"})
        finally:
            users.close()
            await store.close()

    asyncio.run(run())
    with sqlite3.connect(data / "rolecall.sqlite3") as conn:
        conn.execute("INSERT INTO documents VALUES (?, ?, ?)", (JOB_KIND, "p1/raw", "{oops"))


def test_bad_documents_are_kept_aside_and_the_rest_serves(tmp_path: Path) -> None:
    data = tmp_path / "data"
    seed_bad_documents(data)
    server = RolecallProcess(data).start()
    try:
        with httpx.Client(base_url=server.http_base, headers=server.headers, timeout=10) as http:
            tenant = {"x-g4-tenant": "t1"}
            alice = http.post(
                "/session", json={"username": "alice", "password": "pw"}, headers=tenant
            )
            assert alice.status_code == 200 and alice.json()["validCredentials"] is True
            mallory = http.post(
                "/session", json={"username": "mallory", "password": "pw"}, headers=tenant
            )
            assert mallory.status_code == 200 and mallory.json()["validCredentials"] is False
            created = http.post(JOBS, json=JOB)
            assert created.status_code == 201
            listed = http.get(JOBS)
            assert listed.status_code == 200
            assert [j["job_id"] for j in listed.json()["jobs"]] == [created.json()["job_id"]]
            bad = http.get(f"{JOBS}/bad")
            assert bad.status_code == 503 and bad.json()["reason"] == "DOCUMENT_DAMAGED"
        output = "".join(server.output)
        for kind, key in ((TTL_KIND, "t1/bad"), (JOB_KIND, "p1/bad"), (JOB_KIND, "p1/raw")):
            assert f"kept aside: the stored {kind} '{key}'" in output, output
    finally:
        server.stop()
    with sqlite3.connect(data / "rolecall.sqlite3") as conn:  # none was deleted
        assert conn.execute(
            "SELECT count(*) FROM documents WHERE key IN ('t1/bad', 'p1/bad', 'p1/raw')"
        ).fetchone() == (3,)

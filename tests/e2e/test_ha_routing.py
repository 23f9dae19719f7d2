"""TTL sessions and Freezer projects on several replicas: 2 `rolecall serve` replicas (with Envoy)
on the shared 3-member etcd cluster. A tenant's TTL sessions and a project's jobs are served by
the owner of their shard: REST through either replica's Envoy reaches it (forwarded), gRPC to
the other replica is told NOT_OWNER and the owner's address; only the owner holds and expires
the sessions; after the owner's `kill -9` the survivor serves them with a fresh timeout of
grace. With TLS on the replicas' gRPC ports, the forwarding between them is TLS (mTLS) too.
"""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from rolecall.jobs.v1 import jobs_pb2, jobs_pb2_grpc
from rolecall.ttl.v1 import ttl_pb2, ttl_pb2_grpc

from tests.e2e.test_tls import make_pki
from tests.etcd_cluster import EtcdCluster
from tests.ha import OWNER_HEADER, HaCluster
from tests.harness import RolecallProcess, aio_channel

pytestmark = pytest.mark.e2e

LEASE_TTL = 2
PASSWORD = "pw"
JOB = {"client_id": "node-a", "job_schedule": {}, "job_actions": []}
# Slack for process and shard moves on 2 shared cores.
SLACK = 15.0


async def add_user(cluster: HaCluster, tenant: str) -> None:
    """alice in `tenant`, with `rolecall users add --store` into the replicas' etcd store."""
    command = [sys.executable, "-m", "server.cli", "users", "add", "alice", "--tenant", tenant]
    command += ["--store", cluster.store_url, "--data-dir", str(cluster.base_dir / "cli")]
    done = await asyncio.to_thread(
        subprocess.run, command, input=PASSWORD, text=True, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


async def settled(
    send: Callable[[], Awaitable[httpx.Response]], limit: float = SLACK
) -> httpx.Response:
    """The answer once the shard is served: a 503 (NOT_OWNER while it moves) is tried again."""
    deadline = time.monotonic() + limit
    while True:
        answer = await send()
        if answer.status_code != 503 or time.monotonic() > deadline:
            return answer
        await asyncio.sleep(0.2)


class Rest:
    """REST calls through one replica's Envoy."""

    def __init__(self, replica: RolecallProcess, **client: Any) -> None:
        self.http = httpx.AsyncClient(
            base_url=replica.http_base, headers=replica.headers, timeout=10, **client
        )

    async def login(self, tenant: str, seconds: int = 0, data: Any = None) -> tuple[str, str]:
        """A new session of alice that lasts `seconds` idle (0: the default)."""
        body = {"username": "alice", "password": PASSWORD, "timeout": seconds, "data": data}
        answer = await settled(
            lambda: self.http.post("/session", json=body, headers={"x-g4-tenant": tenant})
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["validCredentials"] is True, answer.text
        return answer.json()["sessionId"], answer.json()["bearer"]

    async def ttl(
        self, method: str, path: str, tenant: str, bearer: str, **kwargs: Any
    ) -> httpx.Response:
        headers = {"x-g4-tenant": tenant, "authorization": f"Bearer {bearer}"}
        return await settled(lambda: self.http.request(method, path, headers=headers, **kwargs))

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await settled(lambda: self.http.request(method, path, **kwargs))

    async def close(self) -> None:
        await self.http.aclose()


async def owner_by_grpc(
    targets: list[str], call: Callable[[grpc.aio.Channel], Awaitable[Any]], token: str | None
) -> str:
    """The replica serving a call: every other replica refuses it UNAVAILABLE / NOT_OWNER and
    names that one in `x-rolecall-owner`."""
    named: set[str] = set()
    answered: list[str] = []
    for target in targets:
        async with aio_channel(target, token) as channel:
            try:
                await call(channel)
                answered.append(target)
            except grpc.aio.AioRpcError as error:
                trailing: Any = error.trailing_metadata() or ()
                owner = dict(trailing).get(OWNER_HEADER)
                if error.code() == grpc.StatusCode.UNAVAILABLE and owner:
                    named.add(str(owner))
                else:  # served here, with an error of the call's own (e.g. NOT_FOUND)
                    answered.append(target)
    assert len(answered) == 1 and named <= set(answered), (answered, named)
    return answered[0]


def ttl_sessions_held(replica: RolecallProcess) -> float:
    """The replica's `rolecall_ttl_sessions` gauge: the sessions it holds (and would expire)."""
    text = httpx.get(replica.metrics_url, timeout=5).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "rolecall_ttl_sessions":
                return sample.value
    raise AssertionError("no rolecall_ttl_sessions gauge")


@pytest.fixture
async def pair(etcd_cluster: EtcdCluster, tmp_path: Path) -> AsyncIterator[HaCluster]:
    cluster = HaCluster(
        tmp_path,
        lease_ttl=LEASE_TTL,
        shards=16,
        etcd=etcd_cluster,
        extra_args=["--metrics-port", "0"],
    )
    await asyncio.to_thread(cluster.start, 2)
    yield cluster
    await asyncio.to_thread(cluster.stop)


async def test_ttl_sessions_and_jobs_follow_their_owner_across_replicas_and_a_kill(
    pair: HaCluster,
) -> None:
    tenant, project = f"t-{uuid.uuid4().hex[:8]}", ""
    await add_user(pair, tenant)
    first, second = pair.replicas
    a, b = Rest(first), Rest(second)
    token = first.token
    try:
        # Created through A, used, changed and ended through B (and back): one owner serves it.
        sid, bearer = await a.login(tenant, data={"cart": [1]})
        got = await b.ttl("GET", f"/session/{sid}", tenant, bearer)
        assert got.status_code == 200, got.text
        assert got.json()["data"] == {"cart": [1]}
        put = await b.ttl("PUT", f"/session/{sid}", tenant, bearer, json={"cart": [1, 2]})
        assert put.status_code == 204, put.text
        static = await a.ttl("GET", f"/static-session/{sid}", tenant, bearer)
        assert static.json()["data"] == {"cart": [1, 2]}

        # gRPC: the other replica answers NOT_OWNER naming the owner.
        async def get_static(channel: grpc.aio.Channel) -> Any:
            stub = ttl_pb2_grpc.TtlSessionServiceStub(channel)
            metadata = (("x-g4-tenant", tenant), ("authorization", f"Bearer {bearer}"))
            request = ttl_pb2.GetStaticSessionRequest(id=sid)
            return await stub.GetStaticSession(request, metadata=metadata, timeout=5)

        owner_target = await owner_by_grpc(pair.targets, get_static, None)
        owner = next(r for r in pair.replicas if r.grpc_target == owner_target)
        other = next(r for r in pair.replicas if r is not owner)

        deleted = await b.ttl("DELETE", f"/session/{sid}", tenant, bearer)
        assert deleted.status_code == 204, deleted.text
        assert (await a.ttl("GET", f"/session/{sid}", tenant, bearer)).status_code == 404

        # Expiry: only the owner holds the tenant's sessions, so only it expires them (once).
        short, short_bearer = await b.login(tenant, seconds=2)
        assert ttl_sessions_held(owner) == 1 and ttl_sessions_held(other) == 0
        await asyncio.sleep(2.5)
        for rest in (a, b):
            gone = await rest.ttl("GET", f"/static-session/{short}", tenant, short_bearer)
            assert gone.status_code == 404, gone.text
        assert ttl_sessions_held(owner) == 0 and ttl_sessions_held(other) == 0

        # A Freezer project that the same replica owns: its job is served through either one.
        for candidate in (f"p-{uuid.uuid4().hex[:8]}" for _ in range(64)):

            async def get_job(channel: grpc.aio.Channel, project: str = candidate) -> Any:
                stub = jobs_pb2_grpc.JobServiceStub(channel)
                request = jobs_pb2.GetJobRequest(project_id=project, job_id="none")
                return await stub.GetJob(request, timeout=5)

            if await owner_by_grpc(pair.targets, get_job, token) == owner_target:
                project = candidate
                break
        assert project
        created = await a.request("POST", f"/v2/{project}/jobs", json=JOB)
        assert created.status_code == 201, created.text
        job_id = created.json()["job_id"]
        assert (await b.request("GET", f"/v2/{project}/jobs/{job_id}")).status_code == 200

        # kill -9 the owner: the survivor takes the shards and serves both, the session with a
        # fresh timeout of grace from its takeover.
        timeout = 6
        lives, lives_bearer = await a.login(tenant, seconds=timeout, data="kept")
        created_at = time.monotonic()
        # The takeover then comes >= 1 s + the lease's rest after the login, so the grace
        # outlives the first expiry by that much: room for a slow request on a busy machine.
        await asyncio.sleep(1.0)
        await asyncio.to_thread(owner.kill)
        survivor = Rest(other)
        try:
            await asyncio.sleep(max(0.0, created_at + timeout + 0.2 - time.monotonic()))
            # Past the session's first expiry: alive by the grace.
            kept = await survivor.ttl("GET", f"/static-session/{lives}", tenant, lives_bearer)
            assert kept.status_code == 200, kept.text
            assert kept.json()["data"] == "kept"
            job = await survivor.request("GET", f"/v2/{project}/jobs/{job_id}")
            assert job.status_code == 200, job.text
            patched = await survivor.request(
                "PATCH", f"/v2/{project}/jobs/{job_id}", json={"description": "after"}
            )
            assert patched.status_code == 200, patched.text
            # The grace ends too: the new owner expires it.
            deadline = time.monotonic() + timeout + SLACK
            while time.monotonic() < deadline:
                answer = await survivor.ttl("GET", f"/static-session/{lives}", tenant, lives_bearer)
                if answer.status_code == 404:
                    break
                await asyncio.sleep(0.5)
            assert answer.status_code == 404, answer.text
        finally:
            await survivor.close()
    finally:
        await a.close()
        await b.close()


@pytest.mark.parametrize("client_ca", [True, False], ids=["mtls", "tls"])
async def test_rest_forwarding_between_replicas_uses_tls(
    etcd_cluster: EtcdCluster, tmp_path: Path, client_ca: bool
) -> None:
    """With --client-ca the forwarding replica trusts that CA and presents its certificate;
    without, it trusts its own --tls-cert (here one certificate shared by the replicas)."""
    pki = make_pki(tmp_path)
    tls = ["--tls-cert", str(pki.server_cert), "--tls-key", str(pki.server_key)]
    if client_ca:
        tls += ["--client-ca", str(pki.ca)]
    cluster = HaCluster(tmp_path, lease_ttl=LEASE_TTL, shards=16, etcd=etcd_cluster, extra_args=tls)
    await asyncio.to_thread(cluster.start, 2)
    clients: list[Rest] = []
    try:
        trust = ssl.create_default_context(cafile=pki.ca)
        clients += [Rest(r, verify=trust) for r in cluster.replicas]
        assert all(r.http_base.startswith("https://") for r in cluster.replicas)
        tenant = f"t-{uuid.uuid4().hex[:8]}"
        await add_user(cluster, tenant)
        groups = f"/api/v1/tenants/{tenant}/namespaces/n1/clientfailover/groups"
        project = f"/v2/p-{uuid.uuid4().hex[:8]}/jobs"
        # Each thing is created through one replica and read through both: whichever does not
        # own it forwards the call to the owner's TLS port, presenting its own certificate.
        # Groups created through each replica (REST names the group in the body): some of the
        # 8 are owned by the other replica, so their creation is forwarded.
        names = [f"g{i}" for i in range(8)]
        for i, name in enumerate(names):
            made = await clients[i % 2].request("POST", groups, json={"Id": name, "Name": "G"})
            assert made.status_code == 200, made.text
        sid, bearer = await clients[1].login(tenant)
        job = await clients[0].request("POST", project, json=JOB)
        assert job.status_code == 201, job.text
        for rest in clients:
            listed_groups = await rest.request("GET", groups)
            assert sorted(g["Id"] for g in listed_groups.json()) == names, listed_groups.text
            for name in names[:2]:
                group = await rest.request("GET", f"{groups}/{name}")
                assert group.status_code == 200 and group.json()["Id"] == name, group.text
            session = await rest.ttl("GET", f"/session/{sid}", tenant, bearer)
            assert session.status_code == 200, session.text
            listed = await rest.request("GET", project)
            assert listed.status_code == 200, listed.text
            assert [j["job_id"] for j in listed.json()["jobs"]] == [job.json()["job_id"]]
    finally:
        for rest in clients:
            await rest.close()
        await asyncio.to_thread(cluster.stop)

"""The live, TTL and job session services over real gRPC, in-process on a free port.

What REST cannot show: rich statuses for gRPC clients, the TTL expiry loop purging sessions on
its own (and waking early for a shorter one), and Freezer's hold-off window with a fake clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import struct_pb2
from google.rpc import error_details_pb2, status_pb2
from rolecall.failover.v1 import failover_pb2 as fpb
from rolecall.failover.v1 import failover_pb2_grpc
from rolecall.jobs.v1 import jobs_pb2 as jpb
from rolecall.jobs.v1 import jobs_pb2_grpc
from rolecall.live.v1 import live_pb2 as lpb
from rolecall.live.v1 import live_pb2_grpc
from rolecall.ttl.v1 import ttl_pb2 as tpb
from rolecall.ttl.v1 import ttl_pb2_grpc

from server.app import Rolecall, ServeConfig, start
from server.domain.clock import FakeClock
from server.services.ttl_sessions import KIND as TTL_KIND
from tests.harness import aio_channel, app_token

PASSWORD = "pw-for-tests"


def reason_of(error: grpc.aio.AioRpcError) -> str:
    trailers: dict[str, Any] = dict(error.trailing_metadata() or ())  # type: ignore[arg-type]
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.metadata["operation_id"]
    return str(info.reason)


async def wait_for(predicate, within: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while not await predicate():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


# -- live sessions ----------------------------------------------------------------------------


async def test_live_sessions_list_get_and_close(channel: grpc.aio.Channel) -> None:
    failover = failover_pb2_grpc.ClientFailoverServiceStub(channel)
    live = live_pb2_grpc.LiveSessionServiceStub(channel)
    await failover.CreateGroup(
        fpb.CreateGroupRequest(
            tenant_id="t", namespace_id="n", group=fpb.GroupConfiguration(id="g", milliseconds=5000)
        )
    )
    await failover.AddGroupClientSession(
        fpb.AddGroupClientSessionRequest(
            tenant_id="t", namespace_id="n", group_id="g", session=fpb.SessionSummary(id="c1")
        )
    )
    outbox: asyncio.Queue[fpb.HeartbeatStreamRequest | None] = asyncio.Queue()

    async def requests() -> AsyncIterator[fpb.HeartbeatStreamRequest]:
        while (message := await outbox.get()) is not None:
            yield message

    call = failover.HeartbeatStream(requests())
    key = fpb.ClientSessionKey(tenant_id="t", namespace_id="n", group_id="g", session_id="c1")
    outbox.put_nowait(fpb.HeartbeatStreamRequest(heartbeats=[fpb.SessionHeartbeat(key=key)]))
    await call.read()
    watch = failover.WatchGroup(
        fpb.WatchGroupRequest(tenant_id="t", namespace_id="n", group_id="g")
    )
    await watch.read()

    listed = await live.ListSessions(lpb.ListSessionsRequest())
    assert [s.relationships.services.data[0].id for s in listed.data] == [
        "HeartbeatStream",
        "WatchGroup",
    ]
    stream = listed.data[0]
    assert [(c.group_id, c.session_id) for c in stream.attributes.client_sessions] == [("g", "c1")]
    # gRPC calls carry no Host the server could use: links fall back to localhost.
    assert listed.links.self_link == "http://localhost/v1/sessions/"
    assert stream.links.self_link == f"http://localhost/v1/sessions/{stream.id}"

    page = await live.ListSessions(lpb.ListSessionsRequest(page_size=1))
    assert [s.id for s in page.data] == [stream.id]
    assert page.links.next == "http://localhost/v1/sessions/?page[size]=1&page[number]=1"
    last = await live.ListSessions(lpb.ListSessionsRequest(page_size=1, page_number=1))
    assert not last.links.HasField("next")

    got = await live.GetSession(lpb.GetSessionRequest(id=stream.id))
    assert got.data.id == stream.id and got.links == stream.links
    assert got.data.attributes.client_sessions == stream.attributes.client_sessions

    await live.DeleteSession(lpb.DeleteSessionRequest(id=stream.id))
    with pytest.raises(grpc.aio.AioRpcError) as ended:
        while True:
            await call.read()
    assert ended.value.code() == grpc.StatusCode.UNAVAILABLE
    assert reason_of(ended.value) == "SESSION_CLOSED"

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await live.GetSession(lpb.GetSessionRequest(id=stream.id))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert reason_of(caught.value) == "LIVE_SESSION_NOT_FOUND"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await live.ListSessions(lpb.ListSessionsRequest(page_size=-1))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    watch.cancel()
    outbox.put_nowait(None)


# -- TTL sessions -----------------------------------------------------------------------------


async def login(
    stub: ttl_pb2_grpc.TtlSessionServiceStub, tenant: str, ttl: int, **fields: Any
) -> tuple[str, tuple[tuple[str, str], ...]]:
    answer = await stub.CreateSession(
        tpb.CreateSessionRequest(username="alice", password=PASSWORD, timeout=ttl, **fields),
        metadata=(("x-g4-tenant", tenant),),
    )
    assert answer.valid_credentials
    return answer.session_id, (
        ("x-g4-tenant", tenant),
        ("authorization", f"Bearer {answer.bearer}"),
    )


async def test_ttl_sessions_over_grpc(app: Rolecall, channel: grpc.aio.Channel) -> None:
    await app.users.add("t1", "alice", PASSWORD, roles=["r"])
    stub = ttl_pb2_grpc.TtlSessionServiceStub(channel)
    data = struct_pb2.Value(string_value="hello")
    sid, auth = await login(stub, "t1", 60, data=data, detail=True)

    got = await stub.GetSession(tpb.GetSessionRequest(id=sid), metadata=auth)
    assert got.data == data and got.user_id
    new = struct_pb2.Value(number_value=7)
    await stub.UpdateSession(tpb.UpdateSessionRequest(id=sid, data=new), metadata=auth)
    got = await stub.GetStaticSession(tpb.GetStaticSessionRequest(id=sid), metadata=auth)
    assert got.data == new

    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetSession(tpb.GetSessionRequest(id=sid), metadata=auth[:1])
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert reason_of(caught.value) == "INVALID_BEARER"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateSession(tpb.CreateSessionRequest(username="alice", password=PASSWORD))
    assert reason_of(caught.value) == "MISSING_TENANT"

    await stub.DeleteSession(tpb.DeleteSessionRequest(id=sid), metadata=auth)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetSession(tpb.GetSessionRequest(id=sid), metadata=auth)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


# -- on virtual time: TTL expiry, the hold-off window ------------------------------------------


@pytest.fixture
async def fake_clock_app(tmp_path: Path) -> AsyncIterator[tuple[Rolecall, FakeClock]]:
    clock = FakeClock()
    running = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data"), clock=clock)
    yield running, clock
    await running.stop(grace=0.5)


TtlOnVirtualTime = tuple[Rolecall, FakeClock, ttl_pb2_grpc.TtlSessionServiceStub]


@pytest.fixture
async def ttl_on_virtual_time(
    fake_clock_app: tuple[Rolecall, FakeClock],
) -> AsyncIterator[TtlOnVirtualTime]:
    app, clock = fake_clock_app
    await app.users.add("t1", "alice", PASSWORD)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        yield app, clock, ttl_pb2_grpc.TtlSessionServiceStub(channel)


async def test_expiry_purges_on_virtual_time_and_wakes_for_a_sooner_deadline(
    ttl_on_virtual_time: TtlOnVirtualTime,
) -> None:
    app, clock, stub = ttl_on_virtual_time
    # The timer now waits for this one's deadline, ten minutes away...
    long_sid, long_auth = await login(stub, "t1", 600)
    # ...and must move earlier for this one.
    sid, _ = await login(stub, "t1", 1)
    clock.advance(0.999)
    assert len(app.ttl) == 2
    clock.advance(0.001)
    assert len(app.ttl) == 1
    await app.ttl.drain()
    assert await app.store.get(TTL_KIND, ("t1", sid)) is None
    await stub.GetSession(tpb.GetSessionRequest(id=long_sid), metadata=long_auth)


async def test_get_slides_the_ttl_and_static_get_does_not(
    ttl_on_virtual_time: TtlOnVirtualTime,
) -> None:
    _app, clock, stub = ttl_on_virtual_time
    sid, auth = await login(stub, "t1", 10)
    clock.advance(6)
    await stub.GetSession(tpb.GetSessionRequest(id=sid), metadata=auth)  # to 16 s
    clock.advance(6.5)
    # Past the first expiry: alive only because the GET slid it.
    await stub.GetStaticSession(tpb.GetStaticSessionRequest(id=sid), metadata=auth)
    clock.advance(3.5)  # had the static GET slid the expiry, it would run to 22.5 s
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetStaticSession(tpb.GetStaticSessionRequest(id=sid), metadata=auth)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_stop_cancels_every_timer(tmp_path: Path) -> None:
    clock = FakeClock()
    running = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data"), clock=clock)
    await running.users.add("t1", "alice", PASSWORD)
    await running.ttl.create("t1", "alice", PASSWORD, timeout_seconds=60)
    assert clock.pending_timers() >= 1
    await running.stop(grace=0.1)
    assert clock.pending_timers() == 0


async def test_hold_off_window_closes_with_time(
    fake_clock_app: tuple[Rolecall, FakeClock],
) -> None:
    app, clock = fake_clock_app
    async with aio_channel(f"127.0.0.1:{app.port}", app_token(app)) as channel:
        sessions = jobs_pb2_grpc.JobSessionServiceStub(channel)
        jobs = jobs_pb2_grpc.JobServiceStub(channel)
        schedule = struct_pb2.Struct()
        schedule.update({"schedule_interval": "1 days"})
        created = await sessions.CreateSession(
            jpb.CreateSessionRequest(
                project_id="p", session=jpb.JobSessionFields(schedule=schedule, hold_off=30)
            )
        )
        sid = created.session_id
        job_ids = []
        for name in ("a", "b"):
            action = struct_pb2.Struct()
            action.update({"freezer_action": {"action": "backup"}})
            actions = struct_pb2.ListValue()
            actions.append(action)
            job = await jobs.CreateJob(
                jpb.CreateJobRequest(
                    project_id="p",
                    job=jpb.JobFields(
                        job_id=name,
                        client_id="c",
                        job_schedule=struct_pb2.Struct(),
                        job_actions=actions,
                    ),
                )
            )
            job_ids.append(job.job_id)
            await sessions.AddJob(jpb.AddJobRequest(project_id="p", session_id=sid, job_id=name))

        async def run(job: str, tag: int) -> tuple[str, int]:
            answer = await sessions.RunAction(
                jpb.RunActionRequest(
                    project_id="p",
                    session_id=sid,
                    start=jpb.StartAction(job_id=job, current_tag=tag),
                )
            )
            return answer.result, answer.session_tag

        assert await run("a", 0) == ("success", 1)
        clock.advance(29)
        assert await run("b", 1) == ("hold-off", 1)
        clock.advance(2)  # the window has closed
        assert await run("b", 0) == ("out-of-sync", 1)
        assert await run("b", 1) == ("success", 2)

        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await sessions.RunAction(jpb.RunActionRequest(project_id="p", session_id=sid))
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert reason_of(caught.value) == "UNKNOWN_ACTION"
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await sessions.GetSession(jpb.GetSessionRequest(project_id="other", session_id=sid))
        assert caught.value.code() == grpc.StatusCode.NOT_FOUND
        listed = await jobs.ListJobs(jpb.ListJobsRequest(project_id="p"))
        assert [j.session_id for j in listed.jobs] == [sid, sid]

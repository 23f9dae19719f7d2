"""The failover service over real gRPC, in-process on a free port: streams, pushes, watchers."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.app import Rolecall
from tests.harness import aio_channel, app_token

TENANT, NS = "t1", "n1"
PRIMARY, PENDING, SECONDARY = (
    pb.CLIENT_ROLE_PRIMARY,
    pb.CLIENT_ROLE_PENDING_PRIMARY,
    pb.CLIENT_ROLE_SECONDARY,
)


def stub(channel: grpc.aio.Channel) -> failover_pb2_grpc.ClientFailoverServiceStub:
    return failover_pb2_grpc.ClientFailoverServiceStub(channel)


async def make_group(
    channel: grpc.aio.Channel, gid: str, timeout_ms: float, *sessions: str
) -> None:
    s = stub(channel)
    await s.CreateGroup(
        pb.CreateGroupRequest(
            tenant_id=TENANT,
            namespace_id=NS,
            group=pb.GroupConfiguration(id=gid, milliseconds=timeout_ms),
        )
    )
    for sid in sessions:
        await s.AddGroupClientSession(
            pb.AddGroupClientSessionRequest(
                tenant_id=TENANT, namespace_id=NS, group_id=gid, session=pb.SessionSummary(id=sid)
            )
        )


def key(gid: str, sid: str) -> pb.ClientSessionKey:
    return pb.ClientSessionKey(tenant_id=TENANT, namespace_id=NS, group_id=gid, session_id=sid)


class Agent:
    """A heartbeat stream driven by the test: send when told, collect everything received."""

    def __init__(self, channel: grpc.aio.Channel, gid: str, sid: str, score: float = 50) -> None:
        self.gid, self.sid, self.score = gid, sid, score
        self.outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None] = asyncio.Queue()
        self.received: list[pb.HeartbeatStreamResponse] = []
        self.changed = asyncio.Event()
        self.call = stub(channel).HeartbeatStream(self._requests())
        self.reader = asyncio.create_task(self._read())
        self.seq = 0

    async def _requests(self) -> AsyncIterator[pb.HeartbeatStreamRequest]:
        while (message := await self.outbox.get()) is not None:
            yield message

    async def _read(self) -> None:
        with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
            async for response in self.call:
                self.received.append(response)
                self.changed.set()

    def beat(self) -> None:
        self.seq += 1
        self.outbox.put_nowait(
            pb.HeartbeatStreamRequest(
                heartbeats=[
                    pb.SessionHeartbeat(key=key(self.gid, self.sid), failover_status=self.score)
                ],
                sequence=self.seq,
            )
        )

    def goodbye(self) -> None:
        self.outbox.put_nowait(pb.HeartbeatStreamRequest(goodbyes=[key(self.gid, self.sid)]))

    async def wait_for(self, predicate, within: float = 5.0) -> pb.HeartbeatStreamResponse:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + within
        seen = 0
        while True:
            for response in self.received[seen:]:
                if predicate(response):
                    return response
            seen = len(self.received)
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"not received; got {self.received}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    async def answer(self) -> pb.SessionRole:
        seq = self.seq
        response = await self.wait_for(lambda r: r.sequence == seq and not r.push)
        return response.roles[0]

    async def close(self) -> None:
        self.outbox.put_nowait(None)
        self.call.cancel()
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader


def pushed_role(role: int):  # type: ignore[no-untyped-def]
    return lambda r: r.push and any(x.role == role for x in r.roles)


async def test_health_and_reflection_are_served(channel: grpc.aio.Channel) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    reply = await health.Check(
        health_pb2.HealthCheckRequest(service="rolecall.failover.v1.ClientFailoverService")
    )
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
    reflect = reflection_pb2_grpc.ServerReflectionStub(channel)
    names: list[str] = []
    async for answer in reflect.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")])
    ):
        names = [s.name for s in answer.list_services_response.service]
    assert "rolecall.failover.v1.ClientFailoverService" in names


async def test_errors_carry_reason_in_rich_status(channel: grpc.aio.Channel) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub(channel).GetGroup(
            pb.GetGroupRequest(tenant_id=TENANT, namespace_id=NS, group_id="missing")
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    trailers: dict[str, Any] = dict(caught.value.trailing_metadata() or ())  # type: ignore[arg-type]
    details = trailers["grpc-status-details-bin"]
    status = status_pb2.Status.FromString(details)
    info = error_details_pb2.ErrorInfo()
    status.details[0].Unpack(info)
    assert info.reason == "GROUP_NOT_FOUND" and info.metadata["operation_id"]


async def test_primary_timeout_pushes_pending_then_primary_to_the_secondary(
    channel: grpc.aio.Channel,
) -> None:
    await make_group(channel, "g", 300, "a", "b")
    observed: list[pb.WatchGroupResponse] = []
    watch = stub(channel).WatchGroup(
        pb.WatchGroupRequest(tenant_id=TENANT, namespace_id=NS, group_id="g")
    )

    async def observe() -> None:
        with contextlib.suppress(grpc.aio.AioRpcError, asyncio.CancelledError):
            async for event in watch:
                observed.append(event)

    observer = asyncio.create_task(observe())
    a, b = Agent(channel, "g", "a", score=90), Agent(channel, "g", "b", score=50)
    try:
        first = await become_primary(a)
        assert first.role == PRIMARY and first.epoch == 1
        b.beat()
        assert (await b.answer()).role == SECONDARY

        # a goes silent; b keeps beating. b is told PendingPrimary unprompted...
        start = time.monotonic()
        pending = await _keep_beating_until(b, pushed_role(PENDING), within=3)
        detected = time.monotonic() - start
        assert detected < 1.5
        # ...and becomes Primary on its next heartbeat, with a higher epoch (fencing).
        b.beat()
        promoted = await b.answer()
        assert promoted.role == PRIMARY and promoted.epoch == 2
        assert pending.roles[0].epoch >= 1
        # The old primary, still connected, was told it is no longer Primary.
        demoted = await a.wait_for(pushed_role(SECONDARY))
        assert demoted.roles[0].key.session_id == "a"

        await _wait(lambda: any(e.primary_session_id == "b" for e in observed))
        kinds = [(e.primary_session_id, e.pending_primary_session_id) for e in observed]
        assert kinds[0] == ("", "") or kinds[0][0] in ("", "a")
        assert ("a", "") in kinds
        assert ("", "b") in kinds  # no primary now, b pending
        assert ("b", "") in kinds
    finally:
        await a.close()
        await b.close()
        observer.cancel()


async def test_goodbye_fails_over_at_once(channel: grpc.aio.Channel) -> None:
    await make_group(channel, "g2", 30_000, "a", "b")
    a, b = Agent(channel, "g2", "a"), Agent(channel, "g2", "b")
    try:
        await become_primary(a)
        b.beat()
        assert (await b.answer()).role == SECONDARY
        a.goodbye()
        # With a 30 s timeout, only the goodbye can explain a push within a second.
        await b.wait_for(pushed_role(PENDING), within=1)
    finally:
        await a.close()
        await b.close()


async def test_batched_heartbeats_answer_each_session(channel: grpc.aio.Channel) -> None:
    await make_group(channel, "g3", 30_000, "a", "b")
    await make_group(channel, "g4", 30_000, "a")
    heartbeats = [
        pb.SessionHeartbeat(key=key("g3", "a")),
        pb.SessionHeartbeat(key=key("g4", "a")),
        pb.SessionHeartbeat(key=key("g3", "missing")),
    ]
    responses = stub(channel).HeartbeatStream(
        iter(
            [
                pb.HeartbeatStreamRequest(sequence=7, heartbeats=heartbeats),
                pb.HeartbeatStreamRequest(sequence=8, heartbeats=heartbeats),
            ]
        )
    )
    answers = [r async for r in responses if not r.push]
    assert [answer.sequence for answer in answers] == [7, 8]
    # Each alone in its group: PendingPrimary, then Primary on the next heartbeat.
    assert [r.role for r in answers[0].roles[:2]] == [PENDING, PENDING]
    assert [r.role for r in answers[1].roles[:2]] == [PRIMARY, PRIMARY]
    roles = answers[1].roles
    assert roles[2].error_reason == "SESSION_NOT_FOUND"
    assert roles[0].failover_timeout.seconds == 30


async def test_state_survives_a_restart_without_failover(app: Rolecall, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from server.app import ServeConfig, start

    async with aio_channel(f"127.0.0.1:{app.port}", app_token(app)) as channel:
        await make_group(channel, "r", 500, "a", "b")
        for sid in ("a", "b", "a"):  # a: PendingPrimary, then Primary
            await stub(channel).SendGroupHeartbeat(
                pb.SendGroupHeartbeatRequest(
                    tenant_id=TENANT, namespace_id=NS, group_id="r", session_id=sid
                )
            )
    await app.stop(grace=0.1)
    again = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data"))
    try:
        async with aio_channel(f"127.0.0.1:{again.port}", app_token(again)) as channel:
            group = await stub(channel).GetGroup(
                pb.GetGroupRequest(tenant_id=TENANT, namespace_id=NS, group_id="r")
            )
            assert group.clients["a"].role == PRIMARY and group.epoch == 1
            # The primary keeps beating across more than a timeout: it stays Primary.
            for _ in range(8):
                reply = await stub(channel).SendGroupHeartbeat(
                    pb.SendGroupHeartbeatRequest(
                        tenant_id=TENANT, namespace_id=NS, group_id="r", session_id="a"
                    )
                )
                assert reply.role == PRIMARY and reply.epoch == 1
                await asyncio.sleep(0.1)
    finally:
        await again.stop(grace=0.1)


async def become_primary(agent: Agent) -> pb.SessionRole:
    """Alone in its group: told PendingPrimary, then Primary on its next heartbeat."""
    agent.beat()
    assert (await agent.answer()).role == PENDING
    agent.beat()
    answer: pb.SessionRole = await agent.answer()
    assert answer.role == PRIMARY
    return answer


async def _keep_beating_until(agent: Agent, predicate, within: float) -> pb.HeartbeatStreamResponse:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        agent.beat()
        try:
            return await agent.wait_for(predicate, within=0.08)
        except AssertionError:
            continue
    raise AssertionError(f"not received: {agent.received}")


async def _wait(predicate, within: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met")
        await asyncio.sleep(0.01)

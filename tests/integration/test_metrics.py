"""Prometheus metrics of an in-process server, scraped over HTTP from its metrics port."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.app import Rolecall, ServeConfig, start
from server.domain.clock import FakeClock
from tests.harness import aio_channel, app_token

TENANT, NS = "t1", "n1"
FAILOVER = "rolecall.failover.v1.ClientFailoverService"


def scrape(app: Rolecall) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample as (name, labels) -> value."""
    assert app.metrics_server is not None
    text = httpx.get(f"http://127.0.0.1:{app.metrics_server.port}/metrics").text
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
async def metered(tmp_path: Path) -> AsyncIterator[Rolecall]:
    running = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data", metrics_port=0))
    yield running
    await running.stop(grace=0.5)


async def test_rpcs_heartbeats_store_and_sizes_are_counted(metered: Rolecall) -> None:
    async with aio_channel(f"127.0.0.1:{metered.port}", app_token(metered)) as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        where = {"tenant_id": TENANT, "namespace_id": NS}
        await stub.CreateGroup(
            pb.CreateGroupRequest(**where, group=pb.GroupConfiguration(id="g", milliseconds=60000))
        )
        await stub.AddGroupClientSession(
            pb.AddGroupClientSessionRequest(
                **where, group_id="g", session=pb.SessionSummary(id="a")
            )
        )
        await stub.SendGroupHeartbeat(
            pb.SendGroupHeartbeatRequest(
                **where, group_id="g", session_id="a", heartbeat=pb.GroupHeartbeat()
            )
        )
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await stub.GetGroup(pb.GetGroupRequest(**where, group_id="nope"))
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND

        stream = stub.HeartbeatStream()
        beat = pb.SessionHeartbeat(
            key=pb.ClientSessionKey(**where, group_id="g", session_id="a"), failover_status=90
        )
        for sequence in (1, 2):
            await stream.write(
                pb.HeartbeatStreamRequest(heartbeats=[beat, beat], sequence=sequence)
            )
            while (await stream.read()).push:  # a's promotion is pushed too: read it
                pass
        during = await asyncio.to_thread(scrape, metered)
        await stream.done_writing()
        assert await stream.code() == grpc.StatusCode.OK
    after = await asyncio.to_thread(scrape, metered)

    unary = {"grpc_type": "unary", "grpc_service": FAILOVER}
    assert (
        value(
            after, "grpc_server_handled_total", **unary, grpc_method="CreateGroup", grpc_code="OK"
        )
        == 1
    )
    assert (
        value(
            after,
            "grpc_server_handled_total",
            **unary,
            grpc_method="GetGroup",
            grpc_code="NOT_FOUND",
        )
        == 1
    )
    assert (
        value(after, "grpc_server_handling_seconds_count", **unary, grpc_method="CreateGroup") == 1
    )
    assert value(after, "grpc_server_started_total", **unary, grpc_method="SendGroupHeartbeat") == 1
    bidi = {"grpc_service": FAILOVER, "grpc_method": "HeartbeatStream"}
    # A stream is open while it runs and counted once, with its end code, when it ends.
    assert value(during, "rolecall_open_streams", **bidi) == 1
    assert (
        value(during, "grpc_server_handled_total", grpc_type="bidi_stream", grpc_code="OK", **bidi)
        == 0
    )
    assert value(after, "rolecall_open_streams", **bidi) == 0
    assert (
        value(after, "grpc_server_handled_total", grpc_type="bidi_stream", grpc_code="OK", **bidi)
        == 1
    )

    assert value(after, "rolecall_heartbeat_messages_total", api="v1") == 1
    assert value(after, "rolecall_session_heartbeats_total", api="v1") == 1
    assert value(after, "rolecall_heartbeat_messages_total", api="stream") == 2
    assert value(after, "rolecall_session_heartbeats_total", api="stream") == 4
    # CreateGroup and AddGroupClientSession committed before answering.
    assert value(after, "rolecall_store_commit_seconds_count", operation="write") >= 2
    assert value(during, "rolecall_live_sessions") == 1
    assert value(after, "rolecall_live_sessions") == 0
    assert value(after, "rolecall_ttl_sessions") == 0
    assert value(after, "rolecall_jobs") == 0
    assert value(after, "rolecall_failover_groups") == 1
    assert value(after, "rolecall_deadline_heap_size") >= 1


async def test_no_metrics_port_means_no_metrics(tmp_path: Path) -> None:
    running = await start(ServeConfig(grpc_port=0, data_dir=tmp_path / "data"))
    try:
        assert running.metrics is None and running.metrics_server is None
    finally:
        await running.stop(grace=0.5)


@pytest.fixture
async def metered_on_fake_clock(tmp_path: Path) -> AsyncIterator[tuple[Rolecall, FakeClock]]:
    clock = FakeClock()
    config = ServeConfig(grpc_port=0, data_dir=tmp_path / "data", metrics_port=0)
    running = await start(config, clock=clock)
    yield running, clock
    await running.stop(grace=0.5)


async def test_a_missed_deadline_counts_role_changes_times_the_push_and_logs_them(
    metered_on_fake_clock: tuple[Rolecall, FakeClock], caplog: pytest.LogCaptureFixture
) -> None:
    app, clock = metered_on_fake_clock
    where = {"tenant_id": TENANT, "namespace_id": NS, "group_id": "g"}
    async with aio_channel(f"127.0.0.1:{app.port}", app_token(app)) as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)

        async def beat(session: str) -> int:
            reply = await stub.SendHeartbeat(
                pb.SendHeartbeatRequest(
                    **where, session_id=session, heartbeat=pb.FailoverHeartbeat()
                )
            )
            return int(reply.role)

        await stub.CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT,
                namespace_id=NS,
                group=pb.GroupConfiguration(id="g", milliseconds=1000),
            )
        )
        for session in ("a", "b"):
            await stub.AddGroupClientSession(
                pb.AddGroupClientSessionRequest(**where, session=pb.SessionSummary(id=session))
            )
        while await beat("a") != pb.CLIENT_ROLE_PRIMARY:
            pass
        assert await beat("b") == pb.CLIENT_ROLE_SECONDARY
        before = await asyncio.to_thread(scrape, app)
        with caplog.at_level(logging.INFO, logger="rolecall.failover"):
            clock.advance(0.6)
            await beat("b")
            clock.advance(0.6)  # a's deadline passes: b is chosen PendingPrimary
            for _ in range(100):
                if await beat("b") == pb.CLIENT_ROLE_PRIMARY:
                    break
                await asyncio.sleep(0.01)
        after = await asyncio.to_thread(scrape, app)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("rolecall_role_changes_total", cause="pending_primary") >= 1
    assert moved("rolecall_role_changes_total", cause="primary") == 1
    # The deadline-caused change was pushed after its commit; the fake clock had moved on to
    # the end of the advance by then (at most 0.6 s after the deadline).
    assert moved("rolecall_deadline_to_push_seconds_count") == 1
    assert 0 <= moved("rolecall_deadline_to_push_seconds_sum") <= 0.6
    changes = [r for r in caplog.records if getattr(r, "cause", None) is not None]
    assert [(r.session, r.role, r.cause) for r in changes][-1] == ("b", "PRIMARY", "primary")  # type: ignore[attr-defined]
    assert {(r.session, r.role) for r in changes} >= {("b", "PENDING_PRIMARY"), ("a", "SECONDARY")}  # type: ignore[attr-defined]
    assert all(r.tenant == TENANT and r.group == "g" and r.epoch >= 1 for r in changes)  # type: ignore[attr-defined]

"""Admission control against a real `rolecall serve --max-streams 2` (server/domain/overload.py,
rule 2): a stream over capacity is refused RESOURCE_EXHAUSTED `SERVER_OVERLOADED` with a
`google.rpc.RetryInfo` and a `retry-after` trailer; the streams it holds are served as before,
and the Python agent waits the delay it was given before it comes back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from rolecall.agent import FailoverAgent
from rolecall.agent.errors import retry_delay_of
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from tests.harness import RolecallProcess, grpc_credentials

pytestmark = pytest.mark.e2e

TENANT, NS, GROUP = "acme", "plant", "g"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RolecallProcess]:
    proc = RolecallProcess(
        tmp_path / "data", gateway=False, extra_args=["--max-streams", "2"]
    ).start()
    try:
        yield proc
    finally:
        proc.stop()


def beat(session_id: str, sequence: int) -> pb.HeartbeatStreamRequest:
    request = pb.HeartbeatStreamRequest(sequence=sequence)
    heartbeat = request.heartbeats.add()
    heartbeat.key.tenant_id, heartbeat.key.namespace_id = TENANT, NS
    heartbeat.key.group_id, heartbeat.key.session_id = GROUP, session_id
    heartbeat.failover_status = 100
    return request


class RawStream:
    """A HeartbeatStream driven by hand: one heartbeat, then read its answer."""

    def __init__(self, stub: failover_pb2_grpc.ClientFailoverServiceStub, metadata: tuple) -> None:  # type: ignore[type-arg]
        self.call = stub.HeartbeatStream(metadata=metadata)
        self.sequence = 0

    async def heartbeat(self, session_id: str) -> pb.HeartbeatStreamResponse:
        self.sequence += 1
        await self.call.write(beat(session_id, self.sequence))
        while True:
            response: pb.HeartbeatStreamResponse = await self.call.read()
            if not response.push:
                return response


@pytest.fixture
async def stub(
    server: RolecallProcess,
) -> AsyncIterator[failover_pb2_grpc.ClientFailoverServiceStub]:
    async with server.aio_channel() as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        await stub.CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT,
                namespace_id=NS,
                group=pb.GroupConfiguration(id=GROUP, milliseconds=5000),
            )
        )
        for session_id in ("a", "b", "c"):
            await stub.CreateClientSession(
                pb.CreateClientSessionRequest(
                    tenant_id=TENANT,
                    namespace_id=NS,
                    group_id=GROUP,
                    client_session=pb.ClientSession(id=session_id),
                )
            )
        yield stub


def metadata_of(server: RolecallProcess) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {server.token}"),)


async def test_a_stream_over_capacity_is_refused_with_a_retry_delay(
    server: RolecallProcess, stub: failover_pb2_grpc.ClientFailoverServiceStub
) -> None:
    metadata = metadata_of(server)
    first, second = RawStream(stub, metadata), RawStream(stub, metadata)
    assert (await first.heartbeat("a")).roles[0].role == pb.CLIENT_ROLE_PENDING_PRIMARY
    assert (await second.heartbeat("b")).roles[0].role == pb.CLIENT_ROLE_SECONDARY

    third = RawStream(stub, metadata)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await third.heartbeat("c")
    error = caught.value
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    trailing: Any = error.trailing_metadata() or ()  # the stubs mistype it
    trailers: dict[str, Any] = dict(trailing)
    assert trailers["retry-after"] == "2"
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    info, retry = error_details_pb2.ErrorInfo(), error_details_pb2.RetryInfo()
    assert status.details[0].Unpack(info) and info.reason == "SERVER_OVERLOADED"
    assert status.details[1].Unpack(retry)
    assert retry.retry_delay.ToMilliseconds() == 2000
    assert retry_delay_of(error) == 2.0

    # The streams it holds are served as before: the first acknowledges and becomes Primary.
    assert (await first.heartbeat("a")).roles[0].role == pb.CLIENT_ROLE_PRIMARY
    assert (await second.heartbeat("b")).roles[0].role == pb.CLIENT_ROLE_SECONDARY
    # One ends: a new stream is admitted.
    second.call.cancel()
    await asyncio.sleep(0.2)
    fourth = RawStream(stub, metadata)
    assert (await fourth.heartbeat("c")).roles[0].role == pb.CLIENT_ROLE_SECONDARY
    first.call.cancel()
    fourth.call.cancel()


async def test_the_agent_waits_the_retry_delay_before_it_comes_back(
    server: RolecallProcess, stub: failover_pb2_grpc.ClientFailoverServiceStub
) -> None:
    metadata = metadata_of(server)
    held = [RawStream(stub, metadata), RawStream(stub, metadata)]
    await held[0].heartbeat("a")
    await held[1].heartbeat("b")
    credentials = grpc_credentials(server.grpc_target, server.token)
    started = time.monotonic()
    # max_backoff 0.1 s: without the server's delay it would be back within ~0.1 s.
    agent = FailoverAgent(
        server.grpc_target, TENANT, NS, GROUP, "c", credentials=credentials, max_backoff=0.1
    )
    opening = asyncio.create_task(agent.open())  # refused: two streams are held
    await asyncio.sleep(0.5)
    held[1].call.cancel()  # room for one stream again
    await opening
    assert time.monotonic() - started >= 2.0  # it waited the delay it was given
    assert agent.connected
    await agent.close()
    held[0].call.cancel()

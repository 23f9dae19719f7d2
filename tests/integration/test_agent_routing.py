"""The agent library with several replicas: it follows NOT_OWNER to its group's owner, keeps one
stream per owner, moves when its group moves or its replica dies, and sends its token and TLS
settings. Against real gRPC servers on loopback ports (tests/client_replicas.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from rolecall.agent import (
    AgentError,
    FailoverAgent,
    Role,
    RoleChange,
    SyncFailoverAgent,
    VirtualClock,
)

from tests.client_replicas import Pki, Replica, loop_thread, make_pki

TENANT, NS = "t1", "n1"
WITHIN = 10.0  # seconds; generous on a busy machine, each step takes well under one


async def wait_until(predicate: Callable[[], bool], within: float = WITHIN) -> None:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > within:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


@contextlib.asynccontextmanager
async def replicas(count: int, **settings: object) -> AsyncIterator[list[Replica]]:
    owners: dict[str, str] = {}
    started = [await Replica(owners, **settings).start() for _ in range(count)]  # type: ignore[arg-type]
    try:
        yield started
    finally:
        for replica in started:
            await replica.stop()


def agent(target: str | list[str], group: str, session: str = "a", **options: Any) -> FailoverAgent:
    return FailoverAgent(target, TENANT, NS, group, session, connect_timeout=WITHIN, **options)


@pytest.mark.parametrize("redirect", ["error_info", "trailer"])
async def test_agent_follows_not_owner_to_the_owner(redirect: str) -> None:
    async with replicas(2, redirect=redirect) as (first, owner):
        first.owners["g"] = owner.address
        # Only the first replica is listed: the owner is known from the redirect alone.
        async with agent(first.address, "g") as a:
            assert a.role is Role.PRIMARY and a.epoch == 1
            assert a.target == owner.address and a.stream is not None
            assert a.stream.target == owner.address
        assert first.metadata_of("CreateClientSession") and first.streams == 0
        assert owner.metadata_of("CreateClientSession") and owner.streams == 1


async def test_sessions_are_grouped_by_owner_one_stream_each() -> None:
    async with replicas(2) as (r1, r2):
        r1.owners.update(g1=r1.address, g2=r2.address, g3=r2.address)
        endpoints = [r1.address, r2.address]
        async with agent(endpoints, "g1") as a1, agent(endpoints, "g2") as a2:
            async with agent(endpoints, "g3") as a3:
                assert a1.stream is not None and a1.stream.target == r1.address
                assert a2.stream is a3.stream and a2.stream is not None
                assert a2.stream.target == r2.address
                assert (r1.streams, r2.streams) == (1, 1)
                assert r2.sessions == {("g2", "a"), ("g3", "a")}


@pytest.mark.parametrize("abort_stream", [False, True], ids=["session-answer", "stream-error"])
async def test_agent_moves_when_its_group_moves_and_stays_primary(abort_stream: bool) -> None:
    async with replicas(2, abort_stream=abort_stream) as (old, new):
        old.owners["g"] = old.address
        async with agent([old.address, new.address], "g", interval=0.05) as a:
            assert a.stream is not None and a.stream.target == old.address
            changes: list[RoleChange] = []
            watcher = asyncio.create_task(collect(a, changes))
            old.owners["g"] = new.address  # the shard moves
            await wait_until(lambda: ("g", "a") in new.sessions)
            assert a.target == new.address and a.stream.target == new.address
            assert a.role is Role.PRIMARY and a.epoch == 1
            watcher.cancel()
            # The role was never given up on the way: only the first "current" was reported.
            assert [c.cause for c in changes] == ["current"]


async def test_a_session_answer_naming_the_owner_sends_the_agent_straight_there() -> None:
    async with replicas(2) as (old, new):
        old.owners["g"] = old.address
        # Only the old replica is listed: the new owner is known from the answer alone.
        async with agent(old.address, "g", interval=0.05) as a:
            registrations = len(old.calls)
            old.owners["g"] = new.address  # the shard moves
            await wait_until(lambda: ("g", "a") in new.sessions)
            assert a.target == new.address and a.role is Role.PRIMARY
            # The old replica was not asked again where the group went.
            assert [c.method for c in old.calls[registrations:]] == []


async def collect(a: FailoverAgent, into: list[RoleChange]) -> None:
    async for change in a.role_changes():
        into.append(change)


async def test_agent_moves_on_when_its_replica_dies() -> None:
    async with replicas(2) as (doomed, survivor):
        doomed.owners["g"] = doomed.address
        async with agent([doomed.address, survivor.address], "g", max_backoff=0.2) as a:
            assert a.stream is not None and a.stream.target == doomed.address
            await doomed.stop()
            doomed.owners["g"] = survivor.address  # its shards are owned again elsewhere
            await wait_until(lambda: ("g", "a") in survivor.sessions)
            # The survivor answered; the agent counts as connected once that answer is read.
            await wait_until(lambda: a.connected)
            assert a.target == survivor.address
            assert a.role is Role.PRIMARY


async def test_agent_skips_an_endpoint_that_does_not_answer() -> None:
    async with replicas(2) as (dead, alive):
        await dead.stop()
        alive.owners["g"] = alive.address
        async with agent([dead.address, alive.address], "g", max_backoff=0.2) as a:
            assert a.target == alive.address and a.role is Role.PRIMARY


# -- the token and TLS ---------------------------------------------------------------------------


def bearer_of(replica: Replica, method: str) -> list[str | None]:
    return [m.get("authorization") for m in replica.metadata_of(method)]


@pytest.mark.parametrize("source", ["option", "file-option", "env", "env-file"])
async def test_token_goes_as_bearer_metadata_on_every_call(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("tok-1\n")
    monkeypatch.delenv("ROLECALL_TOKEN", raising=False)
    monkeypatch.delenv("ROLECALL_TOKEN_FILE", raising=False)
    options: dict[str, Any] = {}
    if source == "option":
        options["token"] = "tok-1"
    elif source == "file-option":
        options["token_file"] = str(token_file)
    elif source == "env":
        monkeypatch.setenv("ROLECALL_TOKEN", "tok-1")
    else:
        monkeypatch.setenv("ROLECALL_TOKEN_FILE", str(token_file))
    async with replicas(1) as (replica,):
        replica.owners["g"] = replica.address
        async with agent(replica.address, "g", **options) as a:
            assert a.role is Role.PRIMARY
        assert bearer_of(replica, "CreateClientSession") == ["Bearer tok-1"]
        assert bearer_of(replica, "HeartbeatStream") == ["Bearer tok-1"]


async def test_a_rotated_token_file_is_read_again(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("old")
    async with replicas(1) as (replica,):
        replica.owners["g"] = replica.address
        async with agent(replica.address, "g", token_file=str(token_file)):
            pass
        token_file.write_text("new")
        async with agent(replica.address, "g", token_file=str(token_file)):
            pass
        assert bearer_of(replica, "HeartbeatStream") == ["Bearer old", "Bearer new"]


async def test_no_token_sends_no_authorization(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLECALL_TOKEN", raising=False)
    monkeypatch.delenv("ROLECALL_TOKEN_FILE", raising=False)
    async with replicas(1) as (replica,):
        replica.owners["g"] = replica.address
        async with agent(replica.address, "g"):
            pass
        assert bearer_of(replica, "CreateClientSession") == [None]


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path)


@contextlib.asynccontextmanager
async def tls_replica(pki: Pki, require_client_cert: bool) -> AsyncIterator[Replica]:
    replica = await Replica({}).start(pki.server_credentials(require_client_cert))
    replica.owners["g"] = replica.address
    try:
        yield replica
    finally:
        await replica.stop()


async def test_tls_with_a_token_uses_call_credentials(pki: Pki) -> None:
    async with tls_replica(pki, require_client_cert=False) as replica:
        async with agent(replica.address, "g", tls_ca=str(pki.ca), token="tok-tls") as a:
            assert a.role is Role.PRIMARY
        assert bearer_of(replica, "CreateClientSession") == ["Bearer tok-tls"]
        assert bearer_of(replica, "HeartbeatStream") == ["Bearer tok-tls"]


async def test_mtls_presents_the_client_certificate(pki: Pki) -> None:
    async with tls_replica(pki, require_client_cert=True) as replica:
        options = {"tls_ca": str(pki.ca), "tls_cert": str(pki.client_cert)}
        async with agent(replica.address, "g", tls_key=str(pki.client_key), **options) as a:
            assert a.role is Role.PRIMARY
        assert {c.peer_identity[0] for c in replica.calls} == {b"client"}
        # Without its certificate the handshake fails: no call gets through.
        calls = len(replica.calls)
        without = FailoverAgent(
            replica.address, TENANT, NS, "g", "b", tls_ca=str(pki.ca), connect_timeout=1.0
        )
        with pytest.raises(AgentError) as refused:
            await without.open()
        assert refused.value.reason == "UNAVAILABLE" and len(replica.calls) == calls


def test_tls_cert_without_key_is_refused(pki: Pki) -> None:
    with pytest.raises(ValueError):
        FailoverAgent("127.0.0.1:1", TENANT, NS, "g", "a", tls_cert=str(pki.client_cert))


def test_sync_agent_with_a_virtual_clock_moved_from_another_thread() -> None:
    with loop_thread() as thread:
        replica = thread.replica({})
        replica.owners["g"] = replica.address
        clock = VirtualClock()
        with SyncFailoverAgent(replica.address, TENANT, NS, "g", "a", clock=clock) as a:
            assert a.role is Role.PRIMARY
            deadline = a.agent.deadline
            clock.advance(1.0)  # the default interval before the timeout was known
            stream = a.agent.stream
            assert stream is not None
            wait = time.monotonic() + WITHIN
            while a.agent.deadline == deadline and time.monotonic() < wait:
                time.sleep(0.01)
            assert a.agent.deadline == deadline + 1.0 and stream.heartbeats_sent == 2
            thread.run(replica.stop())  # no answer can move the deadline now
            clock.advance_to(a.agent.deadline)
            assert a.agent.role is Role.SECONDARY  # at the deadline, whatever the loop does

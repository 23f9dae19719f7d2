"""The agent library against a real rolecall server: in-process, and as a `rolecall serve` process
that is killed and restarted under running agents."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rolecall.agent import (
    AgentClosedError,
    AgentError,
    FailoverAgent,
    GroupNotFoundError,
    Role,
    RoleChange,
    SyncFailoverAgent,
    VirtualClock,
)
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.app import Rolecall
from tests.harness import RolecallProcess, admin_token, aio_channel, app_token, grpc_credentials

TENANT, NS = "t1", "n1"
# target -> the cluster admin token of the server there.
TOKENS: dict[str, str] = {}


def target_of(app: Rolecall) -> str:
    target = f"127.0.0.1:{app.port}"
    TOKENS[target] = app_token(app)
    return target


async def make_group(target: str, gid: str, timeout_ms: float) -> None:
    async with aio_channel(target, TOKENS[target]) as channel:
        await failover_pb2_grpc.ClientFailoverServiceStub(channel).CreateGroup(
            pb.CreateGroupRequest(
                tenant_id=TENANT,
                namespace_id=NS,
                group=pb.GroupConfiguration(id=gid, milliseconds=timeout_ms),
            )
        )


async def get_session(target: str, gid: str, sid: str) -> pb.ClientSession:
    async with aio_channel(target, TOKENS[target]) as channel:
        reply: pb.ClientSession = await failover_pb2_grpc.ClientFailoverServiceStub(
            channel
        ).GetClientSession(
            pb.GetClientSessionRequest(
                tenant_id=TENANT, namespace_id=NS, group_id=gid, session_id=sid
            )
        )
        return reply


def agent(target: str, gid: str, sid: str, **options) -> FailoverAgent:  # type: ignore[no-untyped-def]
    credentials = grpc_credentials(target, TOKENS[target])
    return FailoverAgent(target, TENANT, NS, gid, sid, credentials=credentials, **options)


def role_of(agent: FailoverAgent) -> Role:
    """The role now; a call, so that type checkers do not keep an earlier assertion's value."""
    return agent.role


async def collect(agent: FailoverAgent, into: list[RoleChange]) -> None:
    async for change in agent.role_changes():
        into.append(change)


async def wait_until(predicate, within: float = 10.0) -> float:  # type: ignore[no-untyped-def]
    """Seconds until `predicate()` held; fails after `within`."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > within:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.005)
    return time.monotonic() - start


# -- in-process server ---------------------------------------------------------------------------


def test_roles_are_the_documented_integers() -> None:
    assert [int(r) for r in Role] == [0, 1, 2]
    assert int(Role.SECONDARY) == int(pb.CLIENT_ROLE_SECONDARY)
    assert int(Role.PRIMARY) == int(pb.CLIENT_ROLE_PRIMARY)
    assert int(Role.PENDING_PRIMARY) == int(pb.CLIENT_ROLE_PENDING_PRIMARY)


async def test_agent_registers_becomes_primary_and_keeps_it(app: Rolecall) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    clock = VirtualClock()
    async with agent(target, "g", "a", name="Collector A", clock=clock) as a:
        # Alone in its group it is PendingPrimary first, and acknowledges at once.
        await wait_until(lambda: a.role is Role.PRIMARY)
        assert a.role is Role.PRIMARY and a.epoch == 1
        assert a.failover_timeout == pytest.approx(30.0)
        assert a.interval == pytest.approx(10.0)
        stream = a.stream
        assert stream is not None and stream.heartbeats_sent == 2
        # Then one heartbeat every third of the timeout, each moving the deadline.
        for beat in range(3, 10):  # 70 s: more than two timeouts
            due = clock.monotonic() + 10.0
            clock.advance_to(due - 0.1)
            await asyncio.sleep(0.05)
            assert stream.heartbeats_sent == beat - 1  # not yet due
            await advance_and_wait(a, clock, due - clock.monotonic(), sent=beat)
            assert role_of(a) is Role.PRIMARY and a.epoch == 1
        session = await get_session(target, "g", "a")
        assert session.name == "Collector A" and session.role == pb.CLIENT_ROLE_PRIMARY


async def advance_and_wait(
    a: FailoverAgent, clock: VirtualClock, seconds: float, sent: int
) -> None:
    """Moves the agent's clock; waits (real time, generous) for the `sent`-th heartbeat to go
    out and its answer to set the deadline one timeout after it."""
    clock.advance_to(round(clock.monotonic() + seconds, 6))  # exact times: no sum drifts
    stream = a.stream
    assert stream is not None
    await wait_until(lambda: stream.heartbeats_sent == sent)
    await wait_until(lambda: a.deadline == clock.monotonic() + (a.failover_timeout or 0))


async def test_agent_without_name_does_not_rename_an_existing_session(app: Rolecall) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    async with agent(target, "g", "a", name="Named"):
        pass
    async with agent(target, "g", "a") as again:
        await wait_until(lambda: again.role is Role.PRIMARY)  # PendingPrimary first
    assert (await get_session(target, "g", "a")).name == "Named"


async def test_missing_group_is_a_clear_error(app: Rolecall) -> None:
    with pytest.raises(GroupNotFoundError) as caught:
        async with agent(target_of(app), "nope", "a"):
            pass
    assert caught.value.reason == "GROUP_NOT_FOUND"
    assert not app.live.list()[0]  # the failed agent opened no stream


@pytest.mark.parametrize("shared", [True, False], ids=["one-stream", "two-streams"])
async def test_two_agents_swap_roles_when_the_primary_closes(app: Rolecall, shared: bool) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    # Different channel options give b its own channel and stream.
    options = {} if shared else {"channel_options": [("grpc.primary_user_agent", "b")]}
    clock = VirtualClock()  # never advanced: no heartbeat falls due, no agent deadline passes
    a = agent(target, "g", "a", score=90, clock=clock)
    await a.open()
    changes: list[RoleChange] = []
    try:
        async with agent(target, "g", "b", score=50, clock=clock, **options) as b:
            watcher = asyncio.create_task(collect(b, changes))
            assert a.role is Role.PRIMARY and b.role is Role.SECONDARY
            assert (a.stream is b.stream) is shared
            a.report(last_data_processed_time=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))
            start = clock.monotonic()
            await a.close()
            assert role_of(a) is Role.SECONDARY  # at once, before the group fails over
            # b's next heartbeat is 10 s away on a clock that does not move, and the server's
            # timeout is 30 s (longer than this wait): only the goodbye, the push and b's
            # immediate acknowledgement explain a Primary.
            await asyncio.wait_for(b.wait_for_role(Role.PRIMARY), 10.0)
            assert clock.monotonic() == start
            assert b.epoch == 2
            # The closing Primary's last report went with its goodbye: b resumes from there.
            assert b.watermark == datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
            await wait_until(lambda: len(changes) >= 3)
            assert [(c.role, c.cause) for c in changes] == [
                (Role.SECONDARY, "current"),
                (Role.PENDING_PRIMARY, "push"),
                (Role.PRIMARY, "answer"),
            ]
    finally:
        await a.close()
    await watcher  # role_changes() ends when the agent closes
    assert changes[-1].role is Role.SECONDARY and changes[-1].cause == "closed"


async def test_agents_sharing_a_target_share_one_stream_and_one_message_per_tick(
    app: Rolecall,
) -> None:
    target = target_of(app)
    count = 5
    for i in range(count):
        await make_group(target, f"g{i}", 30_000)
    clock = VirtualClock()
    async with contextlib.AsyncExitStack() as stack:
        agents = [
            await stack.enter_async_context(agent(target, f"g{i}", "a", clock=clock))
            for i in range(count)
        ]
        stream = agents[0].stream
        assert stream is not None and all(a.stream is stream for a in agents)
        sessions = [s for s in app.live.list()[0] if s.service == "HeartbeatStream"]
        assert len(sessions) == 1
        assert len(sessions[0].client_sessions) == count

        # Each agent's first heartbeat went out as it joined, its acknowledgement of
        # PendingPrimary right after; the next ones all fall due every third of the timeout:
        # one message per tick.
        await wait_until(lambda: all(a.role is Role.PRIMARY for a in agents))
        for step in (10.0, 10.0, 10.0):
            messages, beats = stream.messages_sent, stream.heartbeats_sent
            clock.advance(step)
            await wait_until(lambda sent=beats + count: stream.heartbeats_sent == sent)
            assert stream.messages_sent == messages + 1
        assert all(a.role is Role.PRIMARY and a.epoch == 1 for a in agents)
    await wait_until(lambda: not app.live.list()[0])  # the last agent closed it


async def test_report_feeds_the_next_heartbeat(app: Rolecall) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    processed = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    clock = VirtualClock()
    async with agent(target, "g", "a", clock=clock) as a:
        await wait_until(lambda: a.role is Role.PRIMARY)  # PendingPrimary, acknowledged at once
        a.report(last_data_processed_time=processed, score=77.5)
        assert a.watermark != processed  # not sent yet: it goes with the next heartbeat
        clock.advance(10.0)
        await wait_until(lambda: a.watermark == processed)
        session = await get_session(target, "g", "a")
        assert session.heartbeat.failover_status == 77.5
        assert session.heartbeat.last_data_processed_time.ToDatetime(tzinfo=UTC) == processed
        with pytest.raises(ValueError):
            a.report(last_data_processed_time=datetime(2031, 1, 1))  # no time zone
        with pytest.raises(ValueError):
            a.report(score=float("nan"))


async def test_agent_reconnects_when_the_server_ends_its_stream(app: Rolecall) -> None:
    target = target_of(app)
    # The reconnection backoff is on real time (the agent's clock drives heartbeats and its
    # deadline only); the 30 s timeout leaves the server no deadline to miss meanwhile.
    await make_group(target, "g", 30_000)
    async with agent(target, "g", "a", max_backoff=0.1, clock=VirtualClock()) as a:
        await wait_until(lambda: a.role is Role.PRIMARY)  # PendingPrimary, acknowledged at once
        stream = a.stream
        assert stream is not None and stream.connections == 1
        (live,) = app.live.list()[0]
        app.live.close(live.id)  # as an operator closing the live session
        await wait_until(lambda: stream.connections == 2)
        assert a.connected and a.role is Role.PRIMARY and a.epoch == 1


async def test_removed_session_is_refused_and_not_primary(app: Rolecall) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    clock = VirtualClock()
    async with agent(target, "g", "a", clock=clock) as a:
        await wait_until(lambda: a.role is Role.PRIMARY)  # PendingPrimary first
        async with aio_channel(target, TOKENS[target]) as channel:
            await failover_pb2_grpc.ClientFailoverServiceStub(channel).RemoveGroupClientSession(
                pb.RemoveGroupClientSessionRequest(
                    tenant_id=TENANT, namespace_id=NS, group_id="g", session_id="a"
                )
            )
        clock.advance(10.0)  # its next heartbeat is refused
        await wait_until(lambda: a.error == "SESSION_NOT_FOUND")
        assert role_of(a) is Role.SECONDARY


async def test_wait_for_role_raises_when_the_agent_closes(app: Rolecall) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    async with agent(target, "g", "a"), agent(target, "g", "b") as b:
        waiting = asyncio.create_task(b.wait_for_role(Role.PRIMARY))
        await asyncio.sleep(0)  # let it start waiting
        assert not waiting.done()
        await b.close()
        with pytest.raises(AgentClosedError):
            await waiting
        assert (await b.wait_for_role(Role.SECONDARY)).role is Role.SECONDARY


# -- a real `rolecall serve` process, killed and restarted on the same port -------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """A `rolecall serve --no-gateway` on a fixed port, so agents find it again after a restart."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.target = f"127.0.0.1:{self.port}"
        self.proc: RolecallProcess | None = None

    def start(self) -> None:
        self.proc = RolecallProcess(
            self.data_dir, gateway=False, extra_args=["--grpc-port", str(self.port)]
        ).start()
        TOKENS[self.target] = admin_token(self.data_dir)

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()
            self.proc = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "data")
    running.start()
    yield running
    running.stop()


async def test_agent_demotes_itself_at_its_deadline_when_cut_off(server: Server) -> None:
    await make_group(server.target, "g", 30_000)
    clock = VirtualClock()
    async with agent(server.target, "g", "a", clock=clock) as a:
        changes: list[RoleChange] = []
        watcher = asyncio.create_task(collect(a, changes))
        await wait_until(lambda: a.role is Role.PRIMARY)  # PendingPrimary, acknowledged at once
        await advance_and_wait(a, clock, 10.0, sent=3)
        deadline = a.deadline  # one timeout after the last ANSWERED heartbeat was sent
        server.kill()
        await wait_until(lambda: not a.connected)
        # Cut off, it stays Primary (a server restart is survivable) until that deadline...
        clock.advance_to(deadline - 0.001)
        await asyncio.sleep(0.05)
        assert role_of(a) is Role.PRIMARY and not any(c.cause == "deadline" for c in changes)
        # ...and not a moment longer, whether or not the event loop has run since.
        clock.advance_to(deadline)
        assert role_of(a) is Role.SECONDARY
        await wait_until(lambda: any(c.cause == "deadline" for c in changes))
        assert a.epoch == 1  # the fencing token of the term it lost
    await watcher


async def test_agent_reconnects_after_the_server_is_killed_and_stays_primary(
    server: Server,
) -> None:
    await make_group(server.target, "g", 1000)
    options = {"max_backoff": 0.2}
    async with (
        agent(server.target, "g", "a", score=90, **options) as a,
        agent(server.target, "g", "b", score=50, **options) as b,
    ):
        assert a.role is Role.PRIMARY and a.epoch == 1 and b.role is Role.SECONDARY
        await asyncio.sleep(0.3)  # the server persists roles at once; let the agents run a bit
        server.kill()
        await wait_until(lambda: role_of(a) is Role.SECONDARY, within=10.0)  # cut off, demoted
        await asyncio.to_thread(server.start)
        # Both come back within the server's fresh grace: the Primary keeps its role and term.
        await asyncio.wait_for(a.wait_for_role(Role.PRIMARY), 10.0)
        assert a.epoch == 1 and a.stream is not None and a.stream.connections == 2
        await asyncio.sleep(1.5)  # 1.5 timeouts after the restart: still the same Primary
        assert a.role is Role.PRIMARY and a.epoch == 1
        assert b.role is Role.SECONDARY and b.connected


# -- the synchronous wrapper ---------------------------------------------------------------------


def test_sync_agent_for_plain_scripts(server: Server) -> None:
    asyncio.run(make_group(server.target, "g", 30_000))
    processed = datetime(2032, 2, 3, 4, 5, 6, tzinfo=UTC)
    creds = grpc_credentials(server.target, TOKENS[server.target])
    with (
        SyncFailoverAgent(server.target, TENANT, NS, "g", "a", score=90, credentials=creds) as a,
        SyncFailoverAgent(server.target, TENANT, NS, "g", "b", score=10, credentials=creds) as b,
    ):
        assert a.wait_for_role(Role.PRIMARY, timeout=10.0)
        assert a.role is Role.PRIMARY and a.epoch == 1
        assert b.role is Role.SECONDARY
        assert not b.wait_for_role(Role.PRIMARY, timeout=0.2)
        assert a.agent.stream is b.agent.stream  # one loop thread, one stream per target
        a.report(last_data_processed_time=processed)
        with pytest.raises(ValueError):
            a.report(score=float("inf"))
        a.close()
        assert b.wait_for_role(Role.PRIMARY, timeout=10.0)  # goodbye: well before 30 s
        assert b.epoch == 2 and b.watermark == processed


# -- authentication against the real server (auth on) ---------------------------------------------


async def test_agent_token_option_authenticates_and_its_absence_is_refused(
    app: Rolecall, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = target_of(app)
    await make_group(target, "g", 30_000)
    monkeypatch.delenv("ROLECALL_TOKEN", raising=False)
    monkeypatch.delenv("ROLECALL_TOKEN_FILE", raising=False)
    # Plaintext: the token goes as call metadata.
    async with FailoverAgent(target, TENANT, NS, "g", "a", token=TOKENS[target]) as a:
        await wait_until(lambda: a.role is Role.PRIMARY)  # PendingPrimary first
    token_file = tmp_path / "token"
    token_file.write_text(TOKENS[target] + "\n")
    monkeypatch.setenv("ROLECALL_TOKEN_FILE", str(token_file))
    async with FailoverAgent(target, TENANT, NS, "g", "b") as b:
        await wait_until(lambda: b.role is Role.PRIMARY)  # a said goodbye
    monkeypatch.delenv("ROLECALL_TOKEN_FILE")
    reasons = []
    for token in (None, "forged.token.value"):
        with pytest.raises(AgentError) as refused:
            await FailoverAgent(target, TENANT, NS, "g", "c", token=token).open()
        reasons.append(refused.value.reason)  # the server's ErrorInfo reason (UNAUTHENTICATED)
    assert reasons[0] == "MISSING_TOKEN" and reasons[1] != "MISSING_TOKEN", reasons

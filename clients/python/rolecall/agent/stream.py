"""One HeartbeatStream per target (and event loop), shared by every agent that uses that target.

Agents join a SharedStream; it sends, per tick, ONE message carrying the heartbeat of every agent
that is due and the goodbyes of agents that are closing, and routes each answer and each push to
its agent by client-session key, as it arrives. It also keeps every agent's local deadline, so an
agent that hears nothing for a whole FailoverTimeout stops being Primary even while the server is
unreachable.

Reconnecting: the stream call is made with `wait_for_ready`, so while the server is away the
call waits and grpc's channel retries the connection with jittered exponential backoff, from
100 ms up to `max_backoff` (channel options below). A stream that breaks after being set up is
retried after our own jittered exponential delay (base 100 ms, same cap), reset once a stream
gets an answer, so a server that accepts and drops streams is not hammered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import threading
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import timestamp_pb2
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

if TYPE_CHECKING:
    from rolecall.agent.agent import FailoverAgent

log = logging.getLogger("rolecall.agent")

ChannelOptions = Sequence[tuple[str, Any]]
# (tenant, namespace, group, client session)
SessionKey = tuple[str, str, str, str]

BACKOFF_BASE = 0.1
DEFAULT_MAX_BACKOFF = 2.0


def channel_options(max_backoff: float, extra: ChannelOptions) -> list[tuple[str, Any]]:
    """Our defaults, overridden by the caller's options of the same name."""
    options: dict[str, Any] = {
        # Reconnect soon after the server is back: the Primary keeps its role only if it
        # heartbeats within one FailoverTimeout of the server's restart.
        "grpc.initial_reconnect_backoff_ms": int(BACKOFF_BASE * 1000),
        "grpc.max_reconnect_backoff_ms": max(int(BACKOFF_BASE * 1000), int(max_backoff * 1000)),
        # Notice a dead network within ~15 s even if no heartbeat write fails. The server permits
        # pings every 5 s (grpc.http2.min_recv_ping_interval_without_data_ms).
        "grpc.keepalive_time_ms": 10_000,
        "grpc.keepalive_timeout_ms": 5_000,
    }
    options.update(dict(extra))
    return list(options.items())


def backoff_delay(failures: int, max_backoff: float) -> float:
    """Jittered exponential delay before retry number `failures` (1, 2, ...)."""
    ceiling = min(max_backoff, BACKOFF_BASE * 2.0 ** min(failures - 1, 30))
    return ceiling * random.uniform(0.5, 1.0)


def session_key(key: pb.ClientSessionKey) -> SessionKey:
    return (key.tenant_id, key.namespace_id, key.group_id, key.session_id)


# -- one shared stream per (loop, target, credentials, options) ----------------------------------

_registry_lock = threading.Lock()
_registry: dict[tuple[Any, ...], SharedStream] = {}


def acquire_stream(
    target: str,
    credentials: grpc.ChannelCredentials | None,
    options: ChannelOptions,
    max_backoff: float,
) -> SharedStream:
    """The running loop's stream to `target`, created on first use; pair with release_stream."""
    loop = asyncio.get_running_loop()
    key = (loop, target, credentials, tuple(options), max_backoff)
    with _registry_lock:
        stream = _registry.get(key)
        if stream is None:
            stream = SharedStream(target, credentials, options, max_backoff)
            stream._registry_key = key
            _registry[key] = stream
        stream._users += 1
    return stream


async def release_stream(stream: SharedStream) -> None:
    """Drop one user of the stream; the last one closes it."""
    with _registry_lock:
        stream._users -= 1
        if stream._users > 0:
            return
        if _registry.get(stream._registry_key) is stream:
            del _registry[stream._registry_key]
    await stream._close()


class SharedStream:
    """The HeartbeatStream of every agent of this loop that uses one target.

    Read-only for callers: `target`, `connected` (a stream is up and has answered),
    `connections` (streams that got an answer so far), `messages_sent`, `heartbeats_sent`.
    """

    def __init__(
        self,
        target: str,
        credentials: grpc.ChannelCredentials | None,
        options: ChannelOptions,
        max_backoff: float,
    ) -> None:
        self.target = target
        merged = channel_options(max_backoff, options)
        if credentials is None:
            self.channel = grpc.aio.insecure_channel(target, options=merged)
        else:
            self.channel = grpc.aio.secure_channel(target, credentials, options=merged)
        self._stub = failover_pb2_grpc.ClientFailoverServiceStub(self.channel)
        self._max_backoff = max_backoff
        self._users = 0
        self._registry_key: tuple[Any, ...] = ()
        self._agents: dict[SessionKey, FailoverAgent] = {}
        # The current call's request queue; None between calls.
        self._outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None] | None = None
        self._sequence = 0
        # Sequence -> monotonic send time of the heartbeats it carried, until answered.
        self._inflight: dict[int, float] = {}
        self._goodbyes: list[_Goodbye] = []
        self._goodbye_waiters: dict[int, list[asyncio.Future[None]]] = {}
        self._wake = asyncio.Event()
        self._closing = False
        self.connected = False
        self.connections = 0
        self.messages_sent = 0
        self.heartbeats_sent = 0
        self._ticker = asyncio.create_task(self._tick_loop(), name=f"rolecall-agent-tick {target}")
        self._ticker.add_done_callback(_log_crash)
        # Started by the first join: registering needs the channel, not the stream.
        self._connector: asyncio.Task[None] | None = None

    # -- agents --------------------------------------------------------------------------------

    def join(self, agent: FailoverAgent) -> None:
        """Start heartbeating for `agent` at once; one agent per client session and stream."""
        key = agent.session_key
        if key in self._agents:
            raise ValueError(f"client session {key!r} already has an agent on {self.target}")
        self._agents[key] = agent
        agent._due = 0.0
        self._wake.set()
        if self._connector is None:
            self._connector = asyncio.create_task(
                self._connect_loop(), name=f"rolecall-agent-stream {self.target}"
            )
            self._connector.add_done_callback(_log_crash)

    async def leave(
        self, agent: FailoverAgent, *, goodbye: bool, final_beat: bool = False, grace: float
    ) -> None:
        """Stop heartbeating for `agent`. With `goodbye`, tell the server and wait for its answer
        (up to `grace` seconds), so that the group fails over now rather than at the deadline;
        with `final_beat` too, a last heartbeat goes in the same message, so the group's
        watermark is the last data time the agent reported."""
        if self._agents.get(agent.session_key) is not agent:
            return
        del self._agents[agent.session_key]
        if not goodbye or not self.connected or self._outbox is None:
            return  # unreachable server: it will time the session out instead
        done = asyncio.get_running_loop().create_future()
        self._goodbyes.append(_Goodbye(agent, final_beat, done))
        self._wake.set()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await done

    def wake(self) -> None:
        """Run a tick now: an agent became due early (a PendingPrimary acknowledges at once)."""
        self._wake.set()

    # -- the tick: deadlines, then one message with everything due -----------------------------

    async def _tick_loop(self) -> None:
        while True:
            self._wake.clear()
            now = time.monotonic()
            wake_at = math.inf
            for agent in list(self._agents.values()):
                wake_at = min(wake_at, agent._expire(now))
            if self._outbox is not None:
                wake_at = min(wake_at, self._send_due(self._outbox, now))
            delay = wake_at - time.monotonic()
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(None if math.isinf(delay) else delay):
                        await self._wake.wait()

    def _send_due(
        self, outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None], now: float
    ) -> float:
        """Send one message with every agent due within half the shortest interval (so agents
        fall into step and share ticks) and every pending goodbye; answer the next due time."""
        agents = self._agents.values()
        horizon = now + 0.5 * min((agent.interval for agent in agents), default=0.0)
        batch = [agent for agent in agents if agent._due <= horizon]
        goodbyes, self._goodbyes = self._goodbyes, []
        if batch or goodbyes:
            self._sequence += 1
            request = pb.HeartbeatStreamRequest(sequence=self._sequence)
            stamp = timestamp_pb2.Timestamp()
            stamp.GetCurrentTime()
            for agent in batch:
                agent._due = now + agent.interval
                agent._fill(request.heartbeats.add(), stamp)
            for leaving in goodbyes:
                if leaving.final_beat:
                    leaving.agent._fill(request.heartbeats.add(), stamp)
                request.goodbyes.append(leaving.agent.key_message)
            if batch:
                self._inflight[self._sequence] = now
            if goodbyes:
                self._goodbye_waiters[self._sequence] = [leaving.done for leaving in goodbyes]
            self.heartbeats_sent += len(request.heartbeats)
            outbox.put_nowait(request)
            self.messages_sent += 1
        return min((agent._due for agent in agents), default=math.inf)

    # -- the connection ------------------------------------------------------------------------

    async def _connect_loop(self) -> None:
        failures = 0
        while not self._closing:
            outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None] = asyncio.Queue()
            call = self._stub.HeartbeatStream(_drain(outbox), wait_for_ready=True)
            self._outbox = outbox
            for agent in self._agents.values():
                agent._due = 0.0  # a new stream learns its sessions from their heartbeats
            self._wake.set()
            try:
                async for response in call:
                    if not self.connected:
                        self.connected = True
                        self.connections += 1
                        failures = 0
                        log.info("heartbeat stream to %s is up", self.target)
                    self._dispatch(response)
                if not self._closing:
                    log.info("server ended the heartbeat stream to %s", self.target)
            except grpc.aio.AioRpcError as error:
                log.info("heartbeat stream to %s failed: %s", self.target, error.code().name)
            finally:
                self._disconnected(outbox)
            if self._closing:
                return
            failures += 1
            await asyncio.sleep(backoff_delay(failures, self._max_backoff))

    def _disconnected(self, outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None]) -> None:
        self.connected = False
        self._outbox = None
        outbox.put_nowait(None)
        self._inflight.clear()  # never answered now; agents' deadlines run on
        for waiters in self._goodbye_waiters.values():
            _resolve(waiters)
        self._goodbye_waiters.clear()
        _resolve(leaving.done for leaving in self._goodbyes)
        self._goodbyes.clear()

    def _dispatch(self, response: pb.HeartbeatStreamResponse) -> None:
        agents = self._agents
        if response.push:
            for role in response.roles:
                agent = agents.get(session_key(role.key))
                if agent is not None:
                    agent._on_push(role)
            return
        _resolve(self._goodbye_waiters.pop(response.sequence, ()))
        sent_at = self._inflight.pop(response.sequence, None)
        if sent_at is None:
            return
        for role in response.roles:
            agent = agents.get(session_key(role.key))
            if agent is not None:
                agent._on_answer(role, sent_at)

    async def _close(self) -> None:
        self._closing = True
        connector = self._connector
        if connector is not None and self.connected and self._outbox is not None:
            # Half-close: the server ends the stream cleanly; give it a moment to.
            self._outbox.put_nowait(None)
            await asyncio.wait({connector}, timeout=1.0)
        tasks = {self._ticker} if connector is None else {self._ticker, connector}
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)  # unlike gather, never swallows our own cancellation
        await self.channel.close(None)


@dataclass(frozen=True, slots=True)
class _Goodbye:
    agent: FailoverAgent
    final_beat: bool
    done: asyncio.Future[None]


async def _drain(
    outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None],
) -> AsyncIterator[pb.HeartbeatStreamRequest]:
    while (request := await outbox.get()) is not None:
        yield request


def _resolve(waiters: Iterable[asyncio.Future[None]]) -> None:
    for done in waiters:
        if not done.done():
            done.set_result(None)


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("%s stopped", task.get_name(), exc_info=error)

"""One HeartbeatStream per endpoint (and event loop and connection settings), shared by every
agent that talks to that endpoint.

Members join a SharedStream; it sends, per tick, ONE message carrying the heartbeat of every
member that is due and the goodbyes of members that are closing, and routes each answer and each
push to its member by client-session key, as it arrives. It owns when each member is next due;
each member owns its role and its local deadline, which the stream asks it to check at every tick
(`expire`), so a member that hears nothing for a whole FailoverTimeout stops being Primary even
while the server is unreachable. The stream knows its members only through `StreamMember`.

Reconnecting: the stream call is made with `wait_for_ready`, so while the server is away the
call waits and grpc's channel retries the connection with jittered exponential backoff, from
100 ms up to `max_backoff`. A stream that breaks after being set up is retried after our own
jittered exponential delay (base 100 ms, same cap), reset once a stream gets an answer, so a
server that accepts and drops streams is not hammered; a stream an overloaded server refused or
shed (RESOURCE_EXHAUSTED with a RetryInfo) waits at least the delay it gave, with jitter. While
the stream is down for longer than RELOCATE_AFTER, and when a replica answers that it does not
own a group (NOT_OWNER), members are asked to `relocate`: they find their group's owner,
possibly on another endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import threading
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import grpc
from google.protobuf import timestamp_pb2
from rolecall.agent.clock import SYSTEM_CLOCK, Clock
from rolecall.agent.connection import Connection, backoff_delay
from rolecall.agent.errors import owner_of, retry_delay_of
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

log = logging.getLogger("rolecall.agent")

# (tenant, namespace, group, client session)
SessionKey = tuple[str, str, str, str]
# Seconds a stream may stay down before its members look for their owner elsewhere.
RELOCATE_AFTER = 1.0


class StreamMember(Protocol):
    """What a SharedStream needs from each client session it heartbeats for."""

    @property
    def session_key(self) -> SessionKey: ...

    @property
    def interval(self) -> float:
        """Seconds between two heartbeats of this member."""
        ...

    def fill_heartbeat(self, beat: pb.SessionHeartbeat, now: timestamp_pb2.Timestamp) -> None:
        """Writes the member's heartbeat (key, score, times) into `beat`."""
        ...

    def on_answer(self, answer: pb.SessionRole, sent_at: float) -> None:
        """The server answered a heartbeat sent at `sent_at` (the clock's monotonic time)."""
        ...

    def on_push(self, push: pb.SessionRole) -> None:
        """The server pushed a role change unprompted."""
        ...

    def expire(self, now: float) -> float:
        """Applies the local deadline at `now`; answers the next deadline (inf: none)."""
        ...

    def relocate(self, owner: str | None) -> None:
        """This stream cannot serve the member: `owner` ("host:port") owns its group, or (None)
        the endpoint is unreachable or said NOT_OWNER without saying who owns it."""
        ...


def session_key(key: pb.ClientSessionKey) -> SessionKey:
    return (key.tenant_id, key.namespace_id, key.group_id, key.session_id)


def key_message(key: SessionKey) -> pb.ClientSessionKey:
    tenant, namespace, group, session = key
    return pb.ClientSessionKey(
        tenant_id=tenant, namespace_id=namespace, group_id=group, session_id=session
    )


class SharedStream:
    """The HeartbeatStream of every member of this loop that uses one endpoint and connection.

    Read-only for callers: `target`, `channel`, `connected` (a stream is up and has answered),
    `connections` (streams that got an answer so far), `messages_sent`, `heartbeats_sent`.
    """

    def __init__(self, target: str, connection: Connection) -> None:
        self.target = target
        self.connection = connection
        self.channel = connection.open_channel(target)
        self._stub = failover_pb2_grpc.ClientFailoverServiceStub(self.channel)
        self._clock: Clock = connection.clock or SYSTEM_CLOCK
        self._members: dict[SessionKey, StreamMember] = {}
        self._due: dict[SessionKey, float] = {}  # when each member's next heartbeat goes out
        # The current call's request queue; None between calls.
        self._outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None] | None = None
        self._sequence = 0
        # Sequence -> send time of the heartbeats it carried, until answered.
        self._inflight: dict[int, float] = {}
        self._goodbyes: list[_Goodbye] = []
        self._goodbye_waiters: dict[int, list[asyncio.Future[None]]] = {}
        self._wake = asyncio.Event()
        self._closing = False
        # The retry delay the server gave when it refused or shed the stream (overload).
        self._retry_after: float | None = None
        self.connected = False
        self.connections = 0
        self.messages_sent = 0
        self.heartbeats_sent = 0
        self._ticker = asyncio.create_task(self._tick_loop(), name=f"rolecall-agent-tick {target}")
        self._ticker.add_done_callback(_log_crash)
        # Started by the first join: registering needs the channel, not the stream.
        self._connector: asyncio.Task[None] | None = None

    # -- members -------------------------------------------------------------------------------

    def join(self, member: StreamMember) -> None:
        """Start heartbeating for `member` at once; one member per client session and stream."""
        key = member.session_key
        if key in self._members:
            raise ValueError(f"client session {key!r} already has an agent on {self.target}")
        self._members[key] = member
        self.beat_by(member, -math.inf)
        if self._connector is None:
            self._connector = asyncio.create_task(
                self._connect_loop(), name=f"rolecall-agent-stream {self.target}"
            )
            self._connector.add_done_callback(_log_crash)

    def has(self, member: StreamMember) -> bool:
        return self._members.get(member.session_key) is member

    async def leave(
        self, member: StreamMember, *, goodbye: bool, final_beat: bool = False, grace: float
    ) -> None:
        """Stop heartbeating for `member`. With `goodbye`, tell the server and wait for its
        answer (up to `grace` seconds), so that the group fails over now rather than at the
        deadline; with `final_beat` too, a last heartbeat goes in the same message, so the
        group's watermark is the last data time the member reported."""
        if not self.has(member):
            return
        del self._members[member.session_key]
        self._due.pop(member.session_key, None)
        if not goodbye or not self.connected or self._outbox is None:
            return  # unreachable server: it will time the session out instead
        done = asyncio.get_running_loop().create_future()
        self._goodbyes.append(_Goodbye(member, final_beat, done))
        self._wake.set()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await done

    def beat_by(self, member: StreamMember, when: float) -> None:
        """The member's next heartbeat goes out no later than `when` (-inf: at once)."""
        key = member.session_key
        if key in self._members and when < self._due.get(key, math.inf):
            self._due[key] = when
            self._wake.set()

    # -- the tick: deadlines, then one message with everything due -----------------------------

    async def _tick_loop(self) -> None:
        clock = self._clock
        while True:
            self._wake.clear()
            now = clock.monotonic()
            wake_at = math.inf
            for member in list(self._members.values()):
                wake_at = min(wake_at, member.expire(now))
            if self._outbox is not None:
                wake_at = min(wake_at, self._send_due(self._outbox, now))
            await clock.wait(self._wake, wake_at)

    def _send_due(
        self, outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None], now: float
    ) -> float:
        """Send one message with every member due within half the shortest interval (so members
        fall into step and share ticks) and every pending goodbye; answer the next due time."""
        members = self._members
        horizon = now + 0.5 * min((m.interval for m in members.values()), default=0.0)
        batch = [m for key, m in members.items() if self._due.get(key, -math.inf) <= horizon]
        goodbyes, self._goodbyes = self._goodbyes, []
        if batch or goodbyes:
            outbox.put_nowait(self._request(batch, goodbyes, now))
        return min(self._due.values(), default=math.inf)

    def _request(
        self, batch: list[StreamMember], goodbyes: list[_Goodbye], now: float
    ) -> pb.HeartbeatStreamRequest:
        self._sequence += 1
        request = pb.HeartbeatStreamRequest(sequence=self._sequence)
        stamp = timestamp_pb2.Timestamp()
        stamp.GetCurrentTime()
        for member in batch:
            self._due[member.session_key] = now + member.interval
            member.fill_heartbeat(request.heartbeats.add(), stamp)
        for leaving in goodbyes:
            if leaving.final_beat:
                leaving.member.fill_heartbeat(request.heartbeats.add(), stamp)
            request.goodbyes.append(key_message(leaving.member.session_key))
        if batch:
            self._inflight[self._sequence] = now
        if goodbyes:
            self._goodbye_waiters[self._sequence] = [leaving.done for leaving in goodbyes]
        self.heartbeats_sent += len(request.heartbeats)
        self.messages_sent += 1
        return request

    # -- the connection ------------------------------------------------------------------------

    async def _connect_loop(self) -> None:
        failures = 0
        while not self._closing:
            outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None] = asyncio.Queue()
            call = self._stub.HeartbeatStream(
                _drain(outbox), wait_for_ready=True, metadata=self.connection.call_metadata()
            )
            self._outbox = outbox
            for key in self._due:
                self._due[key] = -math.inf  # a new stream learns its sessions from heartbeats
            self._wake.set()
            watchdog = asyncio.create_task(self._relocate_while_down())
            try:
                if await self._read(call):
                    failures = 0
            finally:
                watchdog.cancel()
                self._disconnected(outbox)
            if self._closing:
                return
            failures += 1
            delay = backoff_delay(failures, self.connection.max_backoff)
            if self._retry_after is not None:
                # An overloaded server said when to come back: not sooner, with jitter so a
                # fleet it shed does not return in one burst.
                delay = max(delay, self._retry_after * random.uniform(1.0, 1.5))
                self._retry_after = None
            await asyncio.sleep(delay)

    async def _read(self, call: Any) -> bool:
        """Dispatches the call's responses until it ends; True if it got any."""
        answered = False
        try:
            async for response in call:
                if not self.connected:
                    self.connected = answered = True
                    self.connections += 1
                    log.info("heartbeat stream to %s is up", self.target)
                self._dispatch(response)
            if not self._closing:
                log.info("server ended the heartbeat stream to %s", self.target)
        except grpc.aio.AioRpcError as error:
            log.info("heartbeat stream to %s failed: %s", self.target, error.code().name)
            self._retry_after = retry_delay_of(error)
            owner = owner_of(error)
            if owner is not None:
                self._relocate_all(owner)
        return answered

    async def _relocate_while_down(self) -> None:
        """While no stream is up, every RELOCATE_AFTER seconds the members look elsewhere."""
        while True:
            await asyncio.sleep(RELOCATE_AFTER)
            if not self.connected:
                self._relocate_all(None)

    def _relocate_all(self, owner: str | None) -> None:
        for member in list(self._members.values()):
            member.relocate(owner)

    def _disconnected(self, outbox: asyncio.Queue[pb.HeartbeatStreamRequest | None]) -> None:
        self.connected = False
        self._outbox = None
        outbox.put_nowait(None)
        self._inflight.clear()  # never answered now; members' deadlines run on
        for waiters in self._goodbye_waiters.values():
            _resolve(waiters)
        self._goodbye_waiters.clear()
        _resolve(leaving.done for leaving in self._goodbyes)
        self._goodbyes.clear()

    def _dispatch(self, response: pb.HeartbeatStreamResponse) -> None:
        members = self._members
        if response.push:
            for role in response.roles:
                member = members.get(session_key(role.key))
                if member is not None:
                    member.on_push(role)
            return
        _resolve(self._goodbye_waiters.pop(response.sequence, ()))
        sent_at = self._inflight.pop(response.sequence, None)
        if sent_at is None:
            return
        for role in response.roles:
            member = members.get(session_key(role.key))
            if member is not None:
                member.on_answer(role, sent_at)

    async def close(self) -> None:
        """Ends the stream (half-close first, so the server ends it cleanly) and the channel."""
        self._closing = True
        connector = self._connector
        if connector is not None and self.connected and self._outbox is not None:
            self._outbox.put_nowait(None)
            await asyncio.wait({connector}, timeout=1.0)
        tasks = {self._ticker} if connector is None else {self._ticker, connector}
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)  # unlike gather, never swallows our own cancellation
        await self.channel.close(None)


# -- one shared stream per (loop, endpoint, connection) ------------------------------------------


class StreamPool:
    """The process's shared streams, counted by their users; the last user's release closes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: dict[tuple[Any, ...], tuple[SharedStream, int]] = {}

    def acquire(self, target: str, connection: Connection) -> SharedStream:
        """The running loop's stream to `target`, created on first use; pair with release."""
        key = (asyncio.get_running_loop(), target, connection)
        with self._lock:
            stream, users = self._streams.get(key) or (SharedStream(target, connection), 0)
            self._streams[key] = (stream, users + 1)
        return stream

    async def release(self, stream: SharedStream) -> None:
        key = (asyncio.get_running_loop(), stream.target, stream.connection)
        with self._lock:
            held, users = self._streams[key]
            if users > 1:
                self._streams[key] = (held, users - 1)
                return
            del self._streams[key]
        await stream.close()


STREAMS = StreamPool()


@dataclass(frozen=True, slots=True)
class _Goodbye:
    member: StreamMember
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

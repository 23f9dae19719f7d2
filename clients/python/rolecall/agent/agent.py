"""FailoverAgent: one client session of a failover group, heartbeating on its own.

    async with FailoverAgent("127.0.0.1:50051", "t1", "n1", "collectors", "host-a") as agent:
        async for change in agent.role_changes():
            if change.role is Role.PRIMARY:
                start_work(resume_from=change.watermark, fencing_token=change.epoch)
            else:
                stop_work()

Safety rule: the agent acts as Primary only until a local deadline, one FailoverTimeout after it
SENT the last heartbeat the server answered. The server's own deadline for the session is one
FailoverTimeout after it RECEIVED that heartbeat, and it cannot choose another Primary before
then (after a server restart, not before a fresh timeout), so the local deadline is never later
than the moment another session can become Primary, whatever happens to the network. Until that
deadline a disconnected Primary stays Primary, which is what lets it survive a server restart.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import grpc
from google.protobuf import timestamp_pb2
from rolecall.agent.connection import backoff_delay
from rolecall.agent.errors import (
    NOT_OWNER,
    AgentClosedError,
    AgentError,
    GroupNotFoundError,
    error_from_rpc,
    owner_of,
)
from rolecall.agent.options import AgentArguments, check_score
from rolecall.agent.roles import ANSWER, CLOSED, CURRENT, DEADLINE, PUSH, Role, RoleChange
from rolecall.agent.stream import STREAMS, SessionKey, SharedStream, key_message
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

log = logging.getLogger("rolecall.agent")

# Heartbeat interval before the server has told the group's FailoverTimeout.
DEFAULT_INTERVAL = 1.0
# Bound on one registration attempt, so that a dead endpoint does not hold up the next one.
REGISTER_TIMEOUT = 5.0
# Registration failures worth another attempt (elsewhere, with several endpoints).
_RETRIED = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
_ROLES = {int(role): role for role in Role}
_NEW, _OPENING, _OPEN, _CLOSED = "new", "opening", "open", "closed"


def to_timestamp(when: datetime) -> timestamp_pb2.Timestamp:
    if when.tzinfo is None:
        raise ValueError("last_data_processed_time needs a time zone, e.g. datetime.now(UTC)")
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(when)
    return stamp


@dataclass(frozen=True)
class Report:
    """Checked values for the next heartbeats; None keeps the last one."""

    last_data: timestamp_pb2.Timestamp | None
    score: float | None

    @classmethod
    def of(cls, last_data_processed_time: datetime | None, score: float | None) -> Report:
        """The values `report()` was given, or ValueError."""
        when = last_data_processed_time
        return cls(
            None if when is None else to_timestamp(when),
            None if score is None else check_score(score),
        )


class FailoverAgent(AgentArguments):
    """A client session of a failover group that heartbeats by itself and tracks its role.

    `target` is one endpoint "host:port", several ("r1:50051,r2:50051" or a list): the agent
    registers at the first that answers and follows NOT_OWNER redirects to its group's owner.
    `options` (AgentOptions) hold every other setting; keyword arguments override its fields
    (`FailoverAgent(t, ..., name="A", score=90)`). Agents of one event loop with the same
    endpoint and connection settings share one channel and one HeartbeatStream.
    """

    def _setup(self) -> None:
        self.target = self.endpoints[0]  # where the agent talks now (its group's owner)
        self.name = self.options.name
        self._key: SessionKey = (self.tenant, self.namespace, self.group, self.session_id)
        self._connection = self.options.connection()
        self._clock = self.options.clock
        self._score = check_score(self.options.score)
        self._last_data: timestamp_pb2.Timestamp | None = None

        self._state = _NEW
        self._stream: SharedStream | None = None
        self._mover: asyncio.Task[None] | None = None
        self._role = Role.SECONDARY
        self._epoch = 0
        self._watermark: datetime | None = None
        self._timeout: float | None = None
        # Time (on the agent's clock) until which a role other than Secondary may be acted on.
        self._deadline = -math.inf
        self._error: str | None = None
        self._first_answer: asyncio.Future[None] | None = None
        self._changed = asyncio.Event()
        self._listeners: list[asyncio.Queue[RoleChange | None]] = []

    # -- what the caller reads -----------------------------------------------------------------

    @property
    def session_key(self) -> SessionKey:
        """(tenant, namespace, group, client session)."""
        return self._key

    @property
    def role(self) -> Role:
        """The role to act on now: Secondary once the local deadline has passed, even if the
        event loop has not run since. Safe to read from any thread."""
        role = self._role
        if role is not Role.SECONDARY and self._clock.monotonic() >= self._deadline:
            return Role.SECONDARY
        return role

    @property
    def deadline(self) -> float:
        """Until when (on the agent's clock, `options.clock`) the role may be acted on: one
        FailoverTimeout after the last answered heartbeat was sent; -inf if none."""
        return self._deadline

    @property
    def epoch(self) -> int:
        """The group's fencing token as last heard; it grows at every change of Primary."""
        return self._epoch

    @property
    def watermark(self) -> datetime | None:
        """The Primary's LastDataProcessedTime as last heard: where a new Primary resumes."""
        return self._watermark

    @property
    def failover_timeout(self) -> float | None:
        """The group's FailoverTimeout in seconds, once the server has answered."""
        return self._timeout

    @property
    def interval(self) -> float:
        """Seconds between heartbeats: as given, else a third of the FailoverTimeout."""
        if self.options.interval is not None:
            return self.options.interval
        return self._timeout / 3 if self._timeout is not None else DEFAULT_INTERVAL

    @property
    def error(self) -> str | None:
        """The reason the server refused the last heartbeat ("SESSION_NOT_FOUND", ...)."""
        return self._error

    @property
    def connected(self) -> bool:
        """Whether the agent's stream is up and answering."""
        return self._state == _OPEN and self._stream is not None and self._stream.connected

    @property
    def stream(self) -> SharedStream | None:
        """The stream this agent shares with the other agents of its endpoint, while open."""
        return self._stream

    # -- lifecycle -----------------------------------------------------------------------------

    async def __aenter__(self) -> FailoverAgent:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def open(self) -> None:
        """Register the session if needed, join its owner's stream, and wait for the first answer.

        GroupNotFoundError if the group does not exist; AgentError with the server's reason
        for other refusals, or with "UNAVAILABLE" if no answer came within connect_timeout.
        """
        if self._state != _NEW:
            raise RuntimeError("a FailoverAgent opens once")
        self._state = _OPENING
        try:
            async with asyncio.timeout(self.options.connect_timeout):
                self._stream = await self._locate(self.target)
                self.target = self._stream.target
                self._first_answer = asyncio.get_running_loop().create_future()
                self._stream.join(self)
                await self._first_answer
        except BaseException as error:
            await self._abandon()
            if isinstance(error, TimeoutError):
                raise AgentError(
                    "UNAVAILABLE",
                    f"No answer from {self.target} within {self.options.connect_timeout} s.",
                ) from error
            raise
        self._state = _OPEN

    async def _abandon(self) -> None:
        """A failed open: nothing of it stays (e.g. cancelled once Primary: not Primary now)."""
        self._state = _CLOSED
        self._role, self._deadline = Role.SECONDARY, -math.inf
        await self._stop_moving()
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                await stream.leave(self, goodbye=True, grace=self.options.goodbye_timeout)
            finally:
                await STREAMS.release(stream)

    async def _locate(self, start: str) -> SharedStream:
        """Registers the session, starting at `start`: follows NOT_OWNER to the owner, moves to
        the next endpoint when one is unreachable. Answers the stream (acquired) of the
        endpoint that took it."""
        stream = STREAMS.acquire(start, self._connection)
        failures = 0
        try:
            while True:
                try:
                    await self._register(stream.channel)
                    return stream
                except grpc.aio.AioRpcError as error:
                    owner = owner_of(error)
                    if owner is None and error.code() not in _RETRIED:
                        raise error_from_rpc(error) from None
                    if failures or owner is None:  # a redirect loop backs off too
                        await asyncio.sleep(backoff_delay(failures + 1, self.options.max_backoff))
                    failures += 1
                    endpoint = owner or self._next_endpoint(stream.target)
                if endpoint != stream.target:
                    held, stream = stream, STREAMS.acquire(endpoint, self._connection)
                    await STREAMS.release(held)
        except BaseException:
            await STREAMS.release(stream)
            raise

    def _next_endpoint(self, endpoint: str) -> str:
        endpoints = self.endpoints
        if endpoint not in endpoints:
            return endpoints[0]  # an owner we were sent to, now gone: start over
        return endpoints[(endpoints.index(endpoint) + 1) % len(endpoints)]

    async def _register(self, channel: grpc.aio.Channel) -> None:
        """Add the client session to the group; it may exist already."""
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        metadata = self._connection.call_metadata()
        if self.name is not None:
            add = pb.AddGroupClientSessionRequest(
                tenant_id=self.tenant,
                namespace_id=self.namespace,
                group_id=self.group,
                session=pb.SessionSummary(id=self.session_id, name=self.name),
            )
            await stub.AddGroupClientSession(add, timeout=REGISTER_TIMEOUT, metadata=metadata)
            return
        create = pb.CreateClientSessionRequest(
            tenant_id=self.tenant,
            namespace_id=self.namespace,
            group_id=self.group,
            client_session=pb.ClientSession(id=self.session_id),
        )
        try:
            await stub.CreateClientSession(create, timeout=REGISTER_TIMEOUT, metadata=metadata)
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise

    def relocate(self, owner: str | None) -> None:
        """Called by the stream: find the group's owner (at `owner`, or asking from the current
        endpoint on) and move there. The role and its deadline are kept meanwhile. With one
        endpoint and no owner named, there is nowhere else to go: the stream reconnects."""
        if owner is None and self.endpoints == (self.target,):
            return
        self._start_move(owner or self.target)

    def _start_move(self, start: str) -> None:
        if self._state not in (_OPENING, _OPEN):
            return
        if self._mover is None or self._mover.done():
            self._mover = asyncio.create_task(self._move(start))

    async def _move(self, start: str) -> None:
        try:
            new = await self._locate(start)
        except AgentError as error:
            log.warning("%s/%s cannot register: %s", self.group, self.session_id, error)
            return
        old = self._stream
        if old is None or new is old or self._state not in (_OPENING, _OPEN):
            await STREAMS.release(new)
            return
        log.info("%s/%s moves from %s to %s", self.group, self.session_id, old.target, new.target)
        self.target, self._stream = new.target, new
        new.join(self)
        await old.leave(self, goodbye=False, grace=0)
        await STREAMS.release(old)

    async def _stop_moving(self) -> None:
        mover, self._mover = self._mover, None
        if mover is not None and not mover.done() and mover is not asyncio.current_task():
            mover.cancel()
            await asyncio.wait({mover})

    async def close(self) -> None:
        """Stop acting as Primary, then say goodbye so the group fails over at once.

        A Primary's goodbye carries a last heartbeat with its last report, so the successor
        resumes from the last data time reported before close()."""
        if self._state in (_NEW, _CLOSED):
            self._state = _CLOSED
            return
        self._state = _CLOSED
        was_primary = self.role is Role.PRIMARY
        self._set_role(Role.SECONDARY, self._epoch, self._watermark, CLOSED)
        self._deadline = -math.inf
        for listener in self._listeners:
            listener.put_nowait(None)
        self._changed.set()
        await self._stop_moving()
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            await stream.leave(
                self, goodbye=True, final_beat=was_primary, grace=self.options.goodbye_timeout
            )
        finally:
            await STREAMS.release(stream)

    # -- the caller's side of the heartbeat ----------------------------------------------------

    def report(
        self,
        *,
        last_data_processed_time: datetime | None = None,
        score: float | None = None,
    ) -> None:
        """Values for the next heartbeats; an argument left out keeps its last value."""
        self.apply_report(Report.of(last_data_processed_time, score))

    def apply_report(self, report: Report) -> None:
        """`report` as `report()` does (SyncFailoverAgent checks it in the caller's thread)."""
        if report.score is not None:
            self._score = report.score
        if report.last_data is not None:
            self._last_data = report.last_data

    async def wait_for_role(self, role: Role) -> RoleChange:
        """Wait until the agent's role is `role`; AgentClosedError if it closes first
        (except when waiting for Secondary, which a closed agent is)."""
        while True:
            changed = self._changed
            if self.role is role:
                return RoleChange(role, self._epoch, self._watermark, CURRENT)
            if self._state == _CLOSED:
                raise AgentClosedError("AGENT_CLOSED", "The agent was closed.")
            await changed.wait()

    async def role_changes(self) -> AsyncIterator[RoleChange]:
        """The role now (cause "current"), then every change until the agent closes.

        A Secondary's epoch moving (another session became Primary) is not a change; a new
        epoch for a Primary or PendingPrimary is.
        """
        queue: asyncio.Queue[RoleChange | None] = asyncio.Queue()
        self._listeners.append(queue)
        try:
            yield RoleChange(self.role, self._epoch, self._watermark, CURRENT)
            if self._state == _CLOSED:
                return
            while (change := await queue.get()) is not None:
                yield change
        finally:
            self._listeners.remove(queue)

    # -- StreamMember: called by the SharedStream ----------------------------------------------

    def fill_heartbeat(self, beat: pb.SessionHeartbeat, now: timestamp_pb2.Timestamp) -> None:
        beat.key.CopyFrom(key_message(self._key))
        beat.failover_status = self._score
        beat.heartbeat_time.CopyFrom(now)
        if self._last_data is not None:
            beat.last_data_processed_time.CopyFrom(self._last_data)

    def on_answer(self, answer: pb.SessionRole, sent_at: float) -> None:
        if answer.error_reason == NOT_OWNER:
            # To the owner it names; none named (its shard is moving): registering again here
            # answers who owns the group by then.
            self._start_move(answer.owner or self.target)
            return
        first = self._first_answer
        if answer.error_reason:
            self._error = answer.error_reason
            self._set_role(Role.SECONDARY, self._epoch, self._watermark, answer.error_reason)
            if first is not None and not first.done():
                cls = GroupNotFoundError if answer.error_reason == "GROUP_NOT_FOUND" else AgentError
                first.set_exception(cls(answer.error_reason, answer.error_message))
            return
        self._error = None
        duration = answer.failover_timeout
        self._timeout = duration.seconds + duration.nanos / 1e9
        self._deadline = sent_at + self._timeout
        if self._stream is not None:
            # The first answer (or a shorter timeout) may tell a shorter interval than assumed.
            self._stream.beat_by(self, sent_at + self.interval)
        role = _ROLES.get(answer.role, Role.SECONDARY)
        self._set_role(role, answer.epoch, _watermark(answer), ANSWER)
        if first is not None and not first.done():
            first.set_result(None)

    def on_push(self, push: pb.SessionRole) -> None:
        # A push does not move the deadline: only an answer proves the server saw us live.
        self._set_role(_ROLES.get(push.role, Role.SECONDARY), push.epoch, _watermark(push), PUSH)

    def expire(self, now: float) -> float:
        """Demote locally at the deadline; answer the deadline still ahead, if any."""
        if self._role is Role.SECONDARY:
            return math.inf
        if now >= self._deadline:
            self._set_role(Role.SECONDARY, self._epoch, self._watermark, DEADLINE)
            return math.inf
        return self._deadline

    def _set_role(self, role: Role, epoch: int, watermark: datetime | None, cause: str) -> None:
        self._watermark = watermark
        if role is self._role and (epoch == self._epoch or role is Role.SECONDARY):
            self._epoch = epoch
            return
        self._role = role
        self._epoch = epoch
        log.info("%s/%s is %s (epoch %d, %s)", self.group, self.session_id, role.name, epoch, cause)
        change = RoleChange(role, epoch, watermark, cause)
        for listener in self._listeners:
            listener.put_nowait(change)
        self._changed.set()
        self._changed = asyncio.Event()
        if role is Role.PENDING_PRIMARY and self._stream is not None:
            # The next heartbeat acknowledges and makes it Primary: send it now.
            self._stream.beat_by(self, -math.inf)


def _watermark(message: pb.SessionRole) -> datetime | None:
    if not message.HasField("last_data_processed_time"):
        return None
    return message.last_data_processed_time.ToDatetime(tzinfo=UTC)

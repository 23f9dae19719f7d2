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
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import grpc
from google.protobuf import timestamp_pb2
from rolecall.agent.errors import AgentClosedError, AgentError, GroupNotFoundError, error_from_rpc
from rolecall.agent.roles import ANSWER, CLOSED, CURRENT, DEADLINE, PUSH, Role, RoleChange
from rolecall.agent.stream import (
    DEFAULT_MAX_BACKOFF,
    SessionKey,
    SharedStream,
    acquire_stream,
    backoff_delay,
    release_stream,
)
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

log = logging.getLogger("rolecall.agent")

# Heartbeat interval before the server has told the group's FailoverTimeout.
DEFAULT_INTERVAL = 1.0
_ROLES = {int(role): role for role in Role}
_NEW, _OPENING, _OPEN, _CLOSED = "new", "opening", "open", "closed"


def check_score(score: float) -> float:
    score = float(score)
    if not math.isfinite(score):
        raise ValueError("score must be a finite number")
    return score


def to_timestamp(when: datetime) -> timestamp_pb2.Timestamp:
    if when.tzinfo is None:
        raise ValueError("last_data_processed_time needs a time zone, e.g. datetime.now(UTC)")
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(when)
    return stamp


class FailoverAgent:
    """A client session of a failover group that heartbeats by itself and tracks its role.

    `interval` overrides the heartbeat interval (default: a third of the group's
    FailoverTimeout, as the server reports it). `name` names the session when it is
    registered; None registers it without renaming an existing one. `score` is the first
    health score sent (update it with `report`). `connect_timeout` bounds `open()`;
    `goodbye_timeout` bounds how long `close()` waits for the server to take the goodbye.
    `credentials` (grpc.ssl_channel_credentials(...) for mTLS) and `channel_options` are
    passed to the channel; agents with the same target, credentials and options in one event
    loop share one channel and one HeartbeatStream.
    """

    def __init__(
        self,
        target: str,
        tenant: str,
        namespace: str,
        group: str,
        session_id: str,
        *,
        name: str | None = None,
        interval: float | None = None,
        score: float = 0.0,
        connect_timeout: float = 30.0,
        goodbye_timeout: float = 1.0,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        credentials: grpc.ChannelCredentials | None = None,
        channel_options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        if interval is not None and not (math.isfinite(interval) and interval > 0):
            raise ValueError("interval must be a positive number of seconds")
        if not max_backoff > 0:
            raise ValueError("max_backoff must be positive")
        self.target = target
        self.tenant, self.namespace, self.group, self.session_id = (
            tenant,
            namespace,
            group,
            session_id,
        )
        self.name = name
        self.session_key: SessionKey = (tenant, namespace, group, session_id)
        self.key_message = pb.ClientSessionKey(
            tenant_id=tenant, namespace_id=namespace, group_id=group, session_id=session_id
        )
        self._interval = interval
        self._score = check_score(score)
        self._last_data: timestamp_pb2.Timestamp | None = None
        self._connect_timeout = connect_timeout
        self._goodbye_timeout = goodbye_timeout
        self._max_backoff = max_backoff
        self._credentials = credentials
        self._channel_options = tuple(channel_options)

        self._state = _NEW
        self._stream: SharedStream | None = None
        self._role = Role.SECONDARY
        self._epoch = 0
        self._watermark: datetime | None = None
        self._timeout: float | None = None
        # Monotonic time until which a role other than Secondary may be acted on.
        self._deadline = -math.inf
        # When the stream should next send this agent's heartbeat (monotonic; set by it).
        self._due = 0.0
        self._error: str | None = None
        self._first_answer: asyncio.Future[None] | None = None
        self._changed = asyncio.Event()
        self._listeners: list[asyncio.Queue[RoleChange | None]] = []

    # -- what the caller reads -----------------------------------------------------------------

    @property
    def role(self) -> Role:
        """The role to act on now: Secondary once the local deadline has passed, even if the
        event loop has not run since. Safe to read from any thread."""
        role = self._role
        if role is not Role.SECONDARY and time.monotonic() >= self._deadline:
            return Role.SECONDARY
        return role

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
        if self._interval is not None:
            return self._interval
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
        """The stream this agent shares with the other agents of its target, while open."""
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
        """Register the session if needed, join the stream, and wait for the first answer.

        GroupNotFoundError if the group does not exist; AgentError with the server's reason
        for other refusals, or with "UNAVAILABLE" if no answer came within connect_timeout.
        """
        if self._state != _NEW:
            raise RuntimeError("a FailoverAgent opens once")
        self._state = _OPENING
        stream = acquire_stream(
            self.target, self._credentials, self._channel_options, self._max_backoff
        )
        self._stream = stream
        try:
            async with asyncio.timeout(self._connect_timeout):
                await self._register(stream)
                self._first_answer = asyncio.get_running_loop().create_future()
                stream.join(self)
                await self._first_answer
        except BaseException as error:
            self._state = _CLOSED
            self._stream = None
            self._role, self._deadline = Role.SECONDARY, -math.inf  # e.g. cancelled once Primary
            try:
                await stream.leave(self, goodbye=True, grace=self._goodbye_timeout)
            finally:
                await release_stream(stream)
            if isinstance(error, TimeoutError):
                raise AgentError(
                    "UNAVAILABLE",
                    f"No answer from {self.target} within {self._connect_timeout} s.",
                ) from error
            raise
        self._state = _OPEN

    async def _register(self, stream: SharedStream) -> None:
        """Add the client session to the group; it may exist already."""
        stub = failover_pb2_grpc.ClientFailoverServiceStub(stream.channel)
        failures = 0
        while True:
            try:
                if self.name is None:
                    await stub.CreateClientSession(
                        pb.CreateClientSessionRequest(
                            tenant_id=self.tenant,
                            namespace_id=self.namespace,
                            group_id=self.group,
                            client_session=pb.ClientSession(id=self.session_id),
                        ),
                        wait_for_ready=True,
                    )
                else:
                    await stub.AddGroupClientSession(
                        pb.AddGroupClientSessionRequest(
                            tenant_id=self.tenant,
                            namespace_id=self.namespace,
                            group_id=self.group,
                            session=pb.SessionSummary(id=self.session_id, name=self.name),
                        ),
                        wait_for_ready=True,
                    )
                return
            except grpc.aio.AioRpcError as error:
                code = error.code()
                if code == grpc.StatusCode.ALREADY_EXISTS and self.name is None:
                    return
                if code != grpc.StatusCode.UNAVAILABLE:
                    raise error_from_rpc(error) from None
            failures += 1  # the connection broke mid-call: try again
            await asyncio.sleep(backoff_delay(failures, self._max_backoff))

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
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            await stream.leave(
                self, goodbye=True, final_beat=was_primary, grace=self._goodbye_timeout
            )
        finally:
            await release_stream(stream)

    # -- the caller's side of the heartbeat ----------------------------------------------------

    def report(
        self,
        *,
        last_data_processed_time: datetime | None = None,
        score: float | None = None,
    ) -> None:
        """Values for the next heartbeats; an argument left out keeps its last value."""
        if score is not None:
            self._score = check_score(score)
        if last_data_processed_time is not None:
            self._last_data = to_timestamp(last_data_processed_time)

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

    # -- called by the SharedStream ------------------------------------------------------------

    def _fill(self, beat: pb.SessionHeartbeat, now: timestamp_pb2.Timestamp) -> None:
        beat.key.CopyFrom(self.key_message)
        beat.failover_status = self._score
        beat.heartbeat_time.CopyFrom(now)
        if self._last_data is not None:
            beat.last_data_processed_time.CopyFrom(self._last_data)

    def _on_answer(self, answer: pb.SessionRole, sent_at: float) -> None:
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
        if sent_at + self.interval < self._due and self._stream is not None:
            # The first answer (or a shorter timeout) tells a shorter interval than assumed.
            self._due = sent_at + self.interval
            self._stream.wake()
        role = _ROLES.get(answer.role, Role.SECONDARY)
        self._set_role(role, answer.epoch, _watermark(answer), ANSWER)
        if first is not None and not first.done():
            first.set_result(None)

    def _on_push(self, push: pb.SessionRole) -> None:
        # A push does not move the deadline: only an answer proves the server saw us live.
        self._set_role(_ROLES.get(push.role, Role.SECONDARY), push.epoch, _watermark(push), PUSH)

    def _expire(self, now: float) -> float:
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
            self._due = 0.0
            self._stream.wake()


def _watermark(message: pb.SessionRole) -> datetime | None:
    if not message.HasField("last_data_processed_time"):
        return None
    return message.last_data_processed_time.ToDatetime(tzinfo=UTC)

"""The status view: one snapshot of what the server holds, for the status page and the CLI.

Built from memory only (the failover core, the live stream registry, the TTL index): no store
read, so a page polling it twice a second costs one pass over the groups it shows. Roles and
epochs are shown only once committed, as every other answer (FailoverService.list_groups).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from server.domain.clock import Clock
from server.domain.failover import Group, GroupKey, Role
from server.domain.live_sessions import LiveSessionRegistry
from server.domain.records import record_from
from server.services.failover import FailoverService
from server.services.ttl_sessions import TtlSessions

# The TTL sessions a snapshot lists (soonest expiry first); the count covers them all.
MAX_TTL_SESSIONS = 100


@dataclass(frozen=True, slots=True)
class ClientView:
    session_id: str
    name: str
    role: Role
    score: float
    heartbeat_age: float | None  # seconds since the server received the last heartbeat
    live: bool
    last_data_time: datetime | None


@dataclass(frozen=True, slots=True)
class GroupView:
    key: GroupKey
    name: str
    epoch: int
    primary: str | None
    pending: str | None
    timeout: float
    clients: tuple[ClientView, ...]


@dataclass(frozen=True, slots=True)
class TtlSessionView:
    tenant: str
    session_id: str
    expires_at: datetime
    timeout: int


@dataclass(frozen=True, slots=True)
class StatusSnapshot:
    taken_at: datetime
    groups: tuple[GroupView, ...]  # ordered by tenant, namespace, group
    streams: dict[str, int]  # open streams by gRPC method
    streamed_client_sessions: int
    ttl_session_count: int
    ttl_sessions: tuple[TtlSessionView, ...]


class StatusService:
    def __init__(
        self, failover: FailoverService, live: LiveSessionRegistry, ttl: TtlSessions, clock: Clock
    ) -> None:
        self._failover = failover
        self._live = live
        self._ttl = ttl
        self._clock = clock

    async def snapshot(
        self, tenant: str = "", namespace: str = "", streams_of: str | None = None
    ) -> StatusSnapshot:
        """Everything, or one tenant's (and one namespace's) groups and TTL sessions; live
        streams of every tenant, or of the tokens of `streams_of` only."""
        groups: list[GroupView] = []
        for t, n in self._failover.core.namespaces():
            if (tenant and t != tenant) or (namespace and n != namespace):
                continue
            # Durable before shown: list_groups waits for the namespace's pending commits.
            listed = await self._failover.list_groups(t, n)
            now = self._clock.monotonic()
            groups.extend(self._group_view(g, now) for g in listed)
        streams: Counter[str] = Counter()
        served = 0
        sessions, _ = self._live.list(tenant=streams_of)
        for session in sessions:
            streams[session.service] += 1
            served += len(session.client_sessions)
        ttl = await self._ttl.expiries(tenant)
        return StatusSnapshot(
            taken_at=self._clock.wall(),
            groups=tuple(groups),
            streams=dict(sorted(streams.items())),
            streamed_client_sessions=served,
            ttl_session_count=len(ttl),
            ttl_sessions=tuple(TtlSessionView(*item) for item in ttl[:MAX_TTL_SESSIONS]),
        )

    def _group_view(self, group: Group, now: float) -> GroupView:
        clients = tuple(
            ClientView(
                session_id=s.id,
                name=s.name,
                role=s.role,
                score=s.score,
                heartbeat_age=None if s.last_seen is None else max(0.0, now - s.last_seen),
                live=self._failover.core.is_live(group, s),
                last_data_time=s.last_data_time,
            )
            for s in sorted(group.sessions.values(), key=lambda s: s.id)
        )
        return record_from(GroupView, group, clients=clients)

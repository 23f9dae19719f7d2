"""Live connections: every open HeartbeatStream and WatchGroup is one, for /v1/sessions.

A thin async-side handle over the registry in server.domain.live_sessions: streams open a
connection, touch it per message (cheap), name the client sessions they serve, and close it.
An operator's DELETE /v1/sessions/{id} calls the connection's close callback, which ends the
stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from server.domain.clock import Clock
from server.domain.failover import GroupKey


@dataclass(eq=False, slots=True)
class Connection:
    id: str
    service: str
    peer: str
    user: str
    opened_wall: float
    opened: float
    last_message: float
    registry: LiveConnections
    served: set[tuple[GroupKey, str]] = field(default_factory=set)
    groups: set[GroupKey] = field(default_factory=set)
    _close_callbacks: list[Callable[[], None]] = field(default_factory=list)

    def touch(self) -> None:
        self.last_message = self.registry.clock.monotonic()

    def serve(self, key: GroupKey, session_id: str) -> None:
        if (key, session_id) not in self.served:
            self.served.add((key, session_id))
            self.groups.add(key)

    def on_close(self, callback: Callable[[], None]) -> None:
        self._close_callbacks.append(callback)

    def terminate(self) -> None:
        """End the stream from outside (operator request)."""
        for callback in self._close_callbacks:
            callback()

    def close(self) -> None:
        self.registry._connections.pop(self.id, None)


class LiveConnections:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._connections: dict[str, Connection] = {}
        self._next_id = 1

    def open(
        self, service: str, peer: str, key: GroupKey | None, sessions: Iterable[str], user: str = ""
    ) -> Connection:
        now = self.clock.monotonic()
        connection = Connection(
            id=str(self._next_id),
            service=service,
            peer=peer,
            user=user,
            opened_wall=self.clock.wall().timestamp(),
            opened=now,
            last_message=now,
            registry=self,
        )
        self._next_id += 1
        if key is not None:
            connection.groups.add(key)
            for session_id in sessions:
                connection.serve(key, session_id)
        self._connections[connection.id] = connection
        return connection

    def get(self, connection_id: str) -> Connection | None:
        return self._connections.get(connection_id)

    def all(self) -> list[Connection]:
        return list(self._connections.values())

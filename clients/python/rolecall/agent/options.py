"""AgentOptions: every setting of an agent, shared by FailoverAgent and SyncFailoverAgent.

    options = AgentOptions(name="Collector A", token_file="/run/secrets/rolecall", tls_ca="ca.pem")
    async with FailoverAgent("r1:50051,r2:50051", "acme", "plant1", "collectors", "node-a",
                             options) as agent: ...

Keyword arguments of the agents' constructors override single fields of `options`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import grpc
from rolecall.agent.clock import SYSTEM_CLOCK, Clock
from rolecall.agent.connection import DEFAULT_MAX_BACKOFF, Connection, TlsFiles


def check_score(score: float) -> float:
    score = float(score)
    if not math.isfinite(score):
        raise ValueError("score must be a finite number")
    return score


@dataclass(frozen=True)
class AgentOptions:
    """How an agent registers, heartbeats and connects.

    `name` names the session when it is registered (None registers it without renaming an
    existing one). `interval` overrides the heartbeat interval (default: a third of the group's
    FailoverTimeout, as the server reports it). `score` is the first health score sent (update
    it with `report`). `connect_timeout` bounds `open()`; `goodbye_timeout` bounds how long
    `close()` waits for the server to take the goodbye; `max_backoff` caps reconnect delays.

    Authentication: `token` (a bearer token), else `token_file` (read at every call, so a
    rotated file is picked up), else the environment: ROLECALL_TOKEN, then ROLECALL_TOKEN_FILE.
    TLS: `tls=True` (system roots) or `tls_ca` (a PEM file of root certificates); `tls_cert` and
    `tls_key` (PEM files) present a client certificate (mTLS). `credentials` replaces all of the
    TLS settings with grpc channel credentials of your own. `channel_options` go to the channel.
    `clock` drives the heartbeat schedule and the local deadline (tests: VirtualClock).
    """

    name: str | None = None
    interval: float | None = None
    score: float = 0.0
    connect_timeout: float = 30.0
    goodbye_timeout: float = 1.0
    max_backoff: float = DEFAULT_MAX_BACKOFF
    token: str | None = None
    token_file: str | None = None
    tls: bool = False
    tls_ca: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    credentials: grpc.ChannelCredentials | None = None
    channel_options: Sequence[tuple[str, Any]] = ()
    clock: Clock = SYSTEM_CLOCK

    def __post_init__(self) -> None:
        interval = self.interval
        if interval is not None and not (math.isfinite(interval) and interval > 0):
            raise ValueError("interval must be a positive number of seconds")
        if not self.max_backoff > 0:
            raise ValueError("max_backoff must be positive")
        check_score(self.score)
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("tls_cert and tls_key go together")
        object.__setattr__(self, "channel_options", tuple(self.channel_options))

    def connection(self) -> Connection:
        """The settings that decide which channel and stream an agent may share."""
        tls = None
        if self.tls or self.tls_ca or self.tls_cert:
            tls = TlsFiles(self.tls_ca, self.tls_cert, self.tls_key)
        return Connection.from_environment(
            token=self.token,
            token_file=self.token_file,
            tls=tls,
            credentials=self.credentials,
            channel_options=tuple(self.channel_options),
            max_backoff=self.max_backoff,
            clock=self.clock,
        )

    def replace(self, overrides: Mapping[str, Any]) -> AgentOptions:
        """These options with some fields changed (TypeError for an unknown field)."""
        return dataclasses.replace(self, **overrides) if overrides else self


DEFAULT_OPTIONS = AgentOptions()


def endpoints_of(target: str | Sequence[str]) -> tuple[str, ...]:
    """ "host:port", "h1:p1,h2:p2" or a list of them, as a tuple of endpoints."""
    parts = [target] if isinstance(target, str) else list(target)
    found = tuple(e.strip() for part in parts for e in part.split(",") if e.strip())
    if not found:
        raise ValueError("at least one endpoint (host:port) is needed")
    return found


class AgentArguments:
    """The one constructor of both agents: the endpoints, the client session the agent is, and
    one AgentOptions whose fields keyword arguments override. Each agent adds its own state in
    `_setup`, after the arguments are read (and bad ones refused, in the caller's thread)."""

    def __init__(
        self,
        target: str | Sequence[str],
        tenant: str,
        namespace: str,
        group: str,
        session_id: str,
        options: AgentOptions = DEFAULT_OPTIONS,
        **overrides: Any,
    ) -> None:
        self.options = options.replace(overrides)
        self.endpoints = endpoints_of(target)
        self.tenant, self.namespace, self.group = tenant, namespace, group
        self.session_id = session_id
        self._setup()

    def _setup(self) -> None:
        """The agent's own state."""

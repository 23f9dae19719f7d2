"""How an agent reaches rolecall: channel settings, TLS, the bearer token, and backoff.

The token goes out as gRPC metadata `authorization: Bearer <token>` on every call. Over TLS it
rides on grpc call credentials composed with the channel's TLS credentials (grpc sends those
only over a secure channel); over plaintext (a local server, `--insecure-no-auth` experiments)
the same metadata is passed with each call instead.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from rolecall.agent.clock import Clock

BACKOFF_BASE = 0.1
DEFAULT_MAX_BACKOFF = 2.0
TOKEN_ENV = "ROLECALL_TOKEN"
TOKEN_FILE_ENV = "ROLECALL_TOKEN_FILE"
Metadata = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TlsFiles:
    """PEM files: root certificates (None: the system's), and a client certificate and key."""

    ca: str | None = None
    cert: str | None = None
    key: str | None = None

    def credentials(self) -> grpc.ChannelCredentials:
        def read(path: str | None) -> bytes | None:
            return Path(path).read_bytes() if path else None

        return grpc.ssl_channel_credentials(read(self.ca), read(self.key), read(self.cert))


@dataclass(frozen=True)
class Connection:
    """Everything but the endpoint that decides how a channel is opened and calls are made.

    Agents of one event loop with equal Connection settings share one channel and one stream
    per endpoint."""

    token: str | None = None
    token_file: str | None = None
    tls: TlsFiles | None = None
    credentials: grpc.ChannelCredentials | None = None
    channel_options: tuple[tuple[str, Any], ...] = ()
    max_backoff: float = DEFAULT_MAX_BACKOFF
    clock: Clock | None = None

    @classmethod
    def from_environment(cls, **fields: Any) -> Connection:
        """With neither `token` nor `token_file` given, ROLECALL_TOKEN or ROLECALL_TOKEN_FILE."""
        if fields.get("token") is None and fields.get("token_file") is None:
            fields["token"] = os.environ.get(TOKEN_ENV) or None
            if fields["token"] is None:
                fields["token_file"] = os.environ.get(TOKEN_FILE_ENV) or None
        return cls(**fields)

    @property
    def secure(self) -> bool:
        return self.tls is not None or self.credentials is not None

    def bearer(self) -> str | None:
        """The token to send now (a token file is read at every call: it may be rotated)."""
        if self.token is not None:
            return self.token
        if self.token_file is not None:
            return Path(self.token_file).read_text().strip() or None
        return None

    def call_metadata(self) -> Metadata | None:
        """Metadata to pass with each call: the token, when no call credentials carry it."""
        if self.secure:
            return None
        token = self.bearer()
        return (("authorization", f"Bearer {token}"),) if token else None

    def open_channel(self, endpoint: str) -> grpc.aio.Channel:
        options = channel_options(self.max_backoff, self.channel_options)
        if not self.secure:
            return grpc.aio.insecure_channel(endpoint, options=options)
        base = self.credentials or (self.tls or TlsFiles()).credentials()
        if self.token is not None or self.token_file is not None:
            call = grpc.metadata_call_credentials(_BearerPlugin(self), name="rolecall-bearer")
            base = grpc.composite_channel_credentials(base, call)
        return grpc.aio.secure_channel(endpoint, base, options=options)


class _BearerPlugin(grpc.AuthMetadataPlugin):
    """Adds `authorization: Bearer <token>` to every call on a TLS channel."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def __call__(
        self, context: grpc.AuthMetadataContext, callback: grpc.AuthMetadataPluginCallback
    ) -> None:
        try:
            token = self._connection.bearer()
        except OSError as error:
            callback((), error)
            return
        callback((("authorization", f"Bearer {token}"),) if token else (), None)


def channel_options(max_backoff: float, extra: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
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

"""Small real gRPC servers for client tests: replicas that own some groups and redirect the rest.

Each `Replica` is a grpc.aio server on a free loopback port implementing the three calls a
client session needs (CreateClientSession, AddGroupClientSession, HeartbeatStream). Which replica
owns which group is one shared dict the test changes to move a group. A replica answers a group
it does not own as rolecall's replicas do: UNAVAILABLE with ErrorInfo reason NOT_OWNER
(metadata `owner`) and/or trailing metadata `x-rolecall-owner` for calls; on the stream, a
per-session `error_reason` NOT_OWNER or (`abort_stream`) the same UNAVAILABLE for the stream.
Every call's request metadata is recorded, so tests can check what the client sent. Heartbeats
of owned groups are answered Primary at epoch 1 with a 30 s FailoverTimeout.

These stand in for rolecall's replicas where the test is about the client (how it follows
owners, what it sends); tests against real replicas live with the HA and auth suites.
"""

from __future__ import annotations

import asyncio
import subprocess
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf import any_pb2, duration_pb2, wrappers_pb2
from google.rpc import error_details_pb2, status_pb2
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

HOST = "127.0.0.1"
T = TypeVar("T")


@dataclass
class Call:
    method: str
    metadata: dict[str, str]
    peer_identity: list[bytes]


@dataclass
class Replica(failover_pb2_grpc.ClientFailoverServiceServicer):
    """One replica; `owners` (group -> "host:port") is shared with the other replicas."""

    owners: dict[str, str]
    # "both", "error_info" (ErrorInfo only) or "trailer" (x-rolecall-owner only).
    redirect: str = "both"
    abort_stream: bool = False  # NOT_OWNER ends the whole stream instead of one session's answer
    failover_timeout_s: int = 30
    calls: list[Call] = field(default_factory=list)
    server: Any = None
    address: str = ""
    streams: int = 0  # HeartbeatStreams opened so far
    sessions: set[tuple[str, str]] = field(default_factory=set)  # (group, session) heartbeating

    async def start(self, credentials: grpc.ServerCredentials | None = None) -> Replica:
        self.server = grpc.aio.server(options=[("grpc.so_reuseport", 0)])
        failover_pb2_grpc.add_ClientFailoverServiceServicer_to_server(self, self.server)
        if credentials is None:
            port = self.server.add_insecure_port(f"{HOST}:0")
        else:
            port = self.server.add_secure_port(f"{HOST}:0", credentials)
        self.address = f"{HOST}:{port}"
        await self.server.start()
        return self

    async def stop(self) -> None:
        await self.server.stop(0)

    def _record(self, method: str, context: Any) -> None:
        metadata = {k: v for k, v in context.invocation_metadata() if isinstance(v, str)}
        identity = context.auth_context().get("x509_common_name", [])
        self.calls.append(Call(method, metadata, list(identity)))

    def metadata_of(self, method: str) -> list[dict[str, str]]:
        """Request metadata of every call of `method` ("": of every call)."""
        return [c.metadata for c in self.calls if method in ("", c.method)]

    def not_owner(self, group: str) -> tuple[grpc.StatusCode, str, tuple[tuple[str, Any], ...]]:
        owner = self.owners.get(group, "")
        trailing: list[tuple[str, Any]] = []
        if self.redirect in ("both", "error_info"):
            info = error_details_pb2.ErrorInfo(
                reason="NOT_OWNER", domain="rolecall", metadata={"owner": owner}
            )
            detail = any_pb2.Any()
            detail.Pack(info)
            code = grpc.StatusCode.UNAVAILABLE
            status = status_pb2.Status(code=code.value[0], message="not owner", details=[detail])
            trailing.append(("grpc-status-details-bin", status.SerializeToString()))
        if self.redirect in ("both", "trailer"):
            trailing.append(("x-rolecall-owner", owner))
        return grpc.StatusCode.UNAVAILABLE, f"{group} is owned by {owner}", tuple(trailing)

    async def _check_owner(self, group: str, context: Any) -> None:
        if self.owners.get(group) != self.address:
            await context.abort(*self.not_owner(group))

    async def CreateClientSession(self, request: Any, context: Any) -> pb.ClientSession:
        self._record("CreateClientSession", context)
        await self._check_owner(request.group_id, context)
        return pb.ClientSession(id=request.client_session.id)

    async def AddGroupClientSession(self, request: Any, context: Any) -> wrappers_pb2.StringValue:
        self._record("AddGroupClientSession", context)
        await self._check_owner(request.group_id, context)
        return wrappers_pb2.StringValue(value=request.session.id)

    async def HeartbeatStream(
        self, request_iterator: Any, context: Any
    ) -> AsyncIterator[pb.HeartbeatStreamResponse]:
        self._record("HeartbeatStream", context)
        self.streams += 1
        async for request in request_iterator:
            roles = [await self._answer(beat.key, context) for beat in request.heartbeats]
            yield pb.HeartbeatStreamResponse(sequence=request.sequence, roles=roles)

    async def _answer(self, key: pb.ClientSessionKey, context: Any) -> pb.SessionRole:
        if self.owners.get(key.group_id) != self.address:
            self.sessions.discard((key.group_id, key.session_id))
            if self.abort_stream:
                await context.abort(*self.not_owner(key.group_id))
            return pb.SessionRole(
                key=key,
                error_reason="NOT_OWNER",
                error_message="not owner",
                owner=self.owners.get(key.group_id, ""),
            )
        self.sessions.add((key.group_id, key.session_id))
        return pb.SessionRole(
            key=key,
            role=pb.CLIENT_ROLE_PRIMARY,
            epoch=1,
            failover_timeout=duration_pb2.Duration(seconds=self.failover_timeout_s),
        )


class LoopThread:
    """An event loop in a thread, for replicas serving clients that run as other processes."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.started: list[Replica] = []

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    def replica(
        self,
        owners: dict[str, str],
        credentials: grpc.ServerCredentials | None = None,
        **settings: Any,
    ) -> Replica:
        """A replica serving on this loop until close()."""
        self.started.append(self.run(Replica(owners, **settings).start(credentials)))
        return self.started[-1]

    def close(self) -> None:
        for replica in self.started:
            self.run(replica.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@contextmanager
def loop_thread() -> Iterator[LoopThread]:
    thread = LoopThread()
    try:
        yield thread
    finally:
        thread.close()


@dataclass(frozen=True)
class Pki:
    """A CA, a server certificate for 127.0.0.1/localhost and a client certificate (CN `client`
    and URI SAN rolecall://t1/n1/g/a), made with the openssl command for one test."""

    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path

    def server_credentials(self, require_client_cert: bool) -> grpc.ServerCredentials:
        return grpc.ssl_server_credentials(
            [(self.server_key.read_bytes(), self.server_cert.read_bytes())],
            root_certificates=self.ca.read_bytes() if require_client_cert else None,
            require_client_auth=require_client_cert,
        )


def make_pki(directory: Path) -> Pki:
    def run(command: str) -> None:
        subprocess.run(
            ["openssl", *command.split()], check=True, capture_output=True, cwd=directory
        )

    def issue(name: str, subject: str, extensions: str) -> None:
        (directory / f"{name}.ext").write_text(extensions + "\n")
        run(f"genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out {name}.key")
        run(f"req -new -key {name}.key -subj {subject} -out {name}.csr")
        run(
            f"x509 -req -in {name}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1"
            f" -extfile {name}.ext -out {name}.pem"
        )

    run("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key")
    run("req -x509 -new -key ca.key -subj /CN=rolecall-test-CA -days 1 -out ca.pem")
    issue("server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost")
    issue("client", "/CN=client", "subjectAltName=URI:rolecall://t1/n1/g/a")
    return Pki(
        directory / "ca.pem",
        directory / "server.pem",
        directory / "server.key",
        directory / "client.pem",
        directory / "client.key",
    )

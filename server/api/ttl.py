"""TtlSessionService: the g4-style TTL sessions over gRPC and REST.

Headers carry the tenant (`x-g4-tenant`, required), the application (`x-g4-application`) and
the bearer (`Authorization: Bearer ...`); they reach the server as metadata. Every rule (expiry,
sliding, credentials) lives in server.domain.ttl_sessions.
The header names are known here only.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format, struct_pb2
from rolecall.ttl.v1 import ttl_pb2 as pb
from rolecall.ttl.v1 import ttl_pb2_grpc

from server.api.errors import ttl_error_body
from server.api.rpc import Ctx, RpcSurface, metadata_value
from server.domain.errors import InvalidArgument
from server.domain.ttl_sessions import JsonValue, TtlSession
from server.services.ttl_sessions import TtlSessions

log = logging.getLogger("rolecall.api")

SERVICE = pb.DESCRIPTOR.services_by_name["TtlSessionService"]
rpc = RpcSurface(SERVICE, ttl_error_body)

TENANT_HEADER = "x-g4-tenant"
APPLICATION_HEADER = "x-g4-application"

Req = Any
Resp = Any
SessionRequest = (
    pb.GetSessionRequest
    | pb.GetStaticSessionRequest
    | pb.UpdateSessionRequest
    | pb.DeleteSessionRequest
)


def tenant_of(context: Ctx) -> str:
    tenant = metadata_value(context, TENANT_HEADER)
    if not tenant:
        raise InvalidArgument(
            "MISSING_TENANT",
            "The request has no x-g4-tenant header.",
            "Send the header 'x-g4-tenant: <tenant>'.",
        )
    return tenant


def parse_bearer(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header value; "" when there is none."""
    if not authorization:
        return ""
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def bearer_of(context: Ctx) -> str:
    return parse_bearer(metadata_value(context, "authorization"))


def session_of(request: SessionRequest, context: Ctx) -> tuple[str, str, str]:
    """The tenant, session identifier and bearer a call names (header, path, Authorization)."""
    return tenant_of(context), request.id, bearer_of(context)


def from_value(message: pb.CreateSessionRequest | pb.UpdateSessionRequest) -> JsonValue:
    """The JSON value of a `data` field; None (JSON null) when it is absent."""
    if not message.HasField("data"):
        return None
    return json_format.MessageToDict(message.data)


def to_value(data: JsonValue) -> struct_pb2.Value:
    value = struct_pb2.Value()
    if data is None:
        value.null_value = struct_pb2.NULL_VALUE
    else:
        json_format.ParseDict(data, value)
    return value


def session_response(session: TtlSession, bearer: str) -> pb.GetSessionResponse:
    return pb.GetSessionResponse(
        bearer=bearer, user_id=session.user_id, data=to_value(session.data)
    )


@dataclass
class TtlSessionServicer(ttl_pb2_grpc.TtlSessionServiceServicer):
    sessions: TtlSessions

    @rpc.unary
    async def CreateSession(
        self, request: pb.CreateSessionRequest, context: Ctx
    ) -> pb.AuthenticatedSessionResponse:
        created = await self.sessions.create(
            tenant_of(context),
            request.username,
            request.password,
            data=from_value(request),
            timeout_seconds=request.timeout,
            application=metadata_value(context, APPLICATION_HEADER) or "",
        )
        response = pb.AuthenticatedSessionResponse(
            valid_credentials=created.valid_credentials,
            access_allowed=created.access_allowed,
            username=request.username,
            version=created.version,
        )
        user = created.user
        if user is None:
            return response
        response.session_id = created.session_id
        response.user_id = user.user_id
        response.username = user.username
        response.fullname = user.fullname
        response.email = user.email
        response.bearer = created.bearer
        if request.detail:
            response.claims.update(created.claims or {})
            response.roles.extend(user.roles)
        return response

    async def _read(
        self,
        read: Callable[[str, str, str], Awaitable[TtlSession]],
        request: SessionRequest,
        context: Ctx,
    ) -> pb.GetSessionResponse:
        """The answer of both reads; they differ only in whether the expiry slides."""
        tenant, session_id, bearer = session_of(request, context)
        return session_response(await read(tenant, session_id, bearer), bearer)

    @rpc.unary
    async def GetSession(
        self, request: pb.GetSessionRequest, context: Ctx
    ) -> pb.GetSessionResponse:
        return await self._read(self.sessions.get, request, context)

    @rpc.unary
    async def GetStaticSession(
        self, request: pb.GetStaticSessionRequest, context: Ctx
    ) -> pb.GetSessionResponse:
        return await self._read(self.sessions.get_static, request, context)

    @rpc.no_content
    async def UpdateSession(self, request: pb.UpdateSessionRequest, context: Ctx) -> None:
        await self.sessions.put_data(*session_of(request, context), from_value(request))

    @rpc.no_content
    async def DeleteSession(self, request: pb.DeleteSessionRequest, context: Ctx) -> None:
        await self.sessions.delete(*session_of(request, context))

"""Auth on the direct gRPC port (no Envoy in front): every method x every token case.

The methods and what they need come from the one table (server.api.auth.METHOD_RULES); before
auth existed every one of these calls succeeded without a token (issue 10).
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pool, message_factory
from google.rpc import error_details_pb2, status_pb2
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc

from server.app import Rolecall
from server.domain.auth import Scope
from tests.auth_matrix import (
    ALLOWED,
    DENIED,
    FIELD_VALUES,
    NAMESPACE,
    OTHER_TENANT,
    TENANT,
    UNAUTHENTICATED,
    cases_for,
    guarded_methods,
)

OUTCOMES = {
    grpc.StatusCode.UNAUTHENTICATED: UNAUTHENTICATED,
    grpc.StatusCode.PERMISSION_DENIED: DENIED,
}


def request_for(path: str) -> tuple[Any, Any, Any]:
    """A request naming acme/n1 for the method at `path`, and the method's descriptor."""
    service_name, method_name = path.strip("/").split("/")
    method = descriptor_pool.Default().FindServiceByName(service_name).methods_by_name[method_name]
    request_class = message_factory.GetMessageClass(method.input_type)
    response_class = message_factory.GetMessageClass(method.output_type)
    request = request_class()
    if method_name == "HeartbeatStream":
        key = pb.ClientSessionKey(
            tenant_id=TENANT, namespace_id=NAMESPACE, group_id="g", session_id="s"
        )
        request = pb.HeartbeatStreamRequest(heartbeats=[pb.SessionHeartbeat(key=key)], sequence=1)
    else:
        for name, value in FIELD_VALUES.items():
            if name in method.input_type.fields_by_name:
                setattr(request, name, value)
    return method, request, response_class


async def call(
    channel: grpc.aio.Channel, path: str, token: str | None
) -> tuple[grpc.StatusCode, list[Any]]:
    method, request, response_class = request_for(path)
    metadata = (("authorization", f"Bearer {token}"),) if token else ()
    kwargs: dict[str, Any] = {
        "request_serializer": type(request).SerializeToString,
        "response_deserializer": response_class.FromString,
    }
    try:
        if method.client_streaming:
            bidi = channel.stream_stream(path, **kwargs)
            answers = bidi(iter([request]), metadata=metadata, timeout=5)
            return grpc.StatusCode.OK, [r async for r in answers]
        if method.server_streaming:
            listing = channel.unary_stream(path, **kwargs)(request, metadata=metadata, timeout=5)
            return grpc.StatusCode.OK, [r async for r in listing]
        return grpc.StatusCode.OK, [
            await channel.unary_unary(path, **kwargs)(request, metadata=metadata, timeout=5)
        ]
    except grpc.aio.AioRpcError as error:
        if error.code() in OUTCOMES:
            assert_error_info(error)
        return error.code(), []


def assert_error_info(error: grpc.aio.AioRpcError) -> None:
    trailing: dict[str, Any] = dict(error.trailing_metadata() or ())  # type: ignore[arg-type]
    status = status_pb2.Status.FromString(trailing["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info) and info.reason and info.domain == "rolecall"


@pytest.mark.parametrize(
    ("path", "rule"), guarded_methods(), ids=[p.strip("/") for p, _ in guarded_methods()]
)
async def test_every_method_with_every_token(app: Rolecall, path: str, rule: Any) -> None:
    assert app.auth.tokens is not None
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        for case in await cases_for(app.auth.tokens, rule):
            code, responses = await call(channel, path, case.token)
            outcome = OUTCOMES.get(code, ALLOWED)
            if path.endswith("/HeartbeatStream") and outcome == ALLOWED:
                # The stream opens; each heartbeat's key is checked on its own.
                reason = responses[0].roles[0].error_reason
                outcome = DENIED if reason in ("WRONG_TENANT", "MISSING_SCOPE") else ALLOWED
            assert outcome == case.expect(rule), (case.name, code, responses)


async def test_revoked_token_is_refused_even_on_an_open_stream_token(app: Rolecall) -> None:
    tokens = app.auth.tokens
    assert tokens is not None
    issued = await tokens.issue(tenant=TENANT, scopes=[Scope.FAILOVER_READ], ttl_seconds=600)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        metadata = (("authorization", f"Bearer {issued.token}"),)
        request = pb.ListGroupsRequest(tenant_id=TENANT, namespace_id=NAMESPACE)
        assert [g async for g in stub.ListGroups(request, metadata=metadata)] == []
        await tokens.revoke(issued.token_id)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            [g async for g in stub.ListGroups(request, metadata=metadata)]
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert_error_info(refused.value)


async def test_freezer_x_auth_token_is_accepted(app: Rolecall) -> None:
    tokens = app.auth.tokens
    assert tokens is not None
    issued = await tokens.issue(tenant=TENANT, scopes=[Scope.JOBS], ttl_seconds=600)
    code, _ = await call_with(app, "/rolecall.jobs.v1.JobService/ListJobs", issued.token)
    assert code == grpc.StatusCode.OK


async def call_with(app: Rolecall, path: str, token: str) -> tuple[grpc.StatusCode, Any]:
    _, request, response_class = request_for(path)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        unary = channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_class.FromString,
        )
        try:
            return grpc.StatusCode.OK, await unary(request, metadata=(("x-auth-token", token),))
        except grpc.aio.AioRpcError as error:
            return error.code(), None


async def test_a_tenant_token_heartbeats_only_its_own_tenant_on_one_stream(app: Rolecall) -> None:
    tokens = app.auth.tokens
    assert tokens is not None
    issued = await tokens.issue(tenant=TENANT, scopes=[Scope.FAILOVER_AGENT], ttl_seconds=600)
    keys = [
        pb.ClientSessionKey(tenant_id=t, namespace_id=NAMESPACE, group_id="g", session_id="s")
        for t in (TENANT, OTHER_TENANT)
    ]
    request = pb.HeartbeatStreamRequest(heartbeats=[pb.SessionHeartbeat(key=k) for k in keys])
    async with grpc.aio.insecure_channel(f"127.0.0.1:{app.port}") as channel:
        stub = failover_pb2_grpc.ClientFailoverServiceStub(channel)
        metadata = (("authorization", f"Bearer {issued.token}"),)
        answers = [a async for a in stub.HeartbeatStream([request], metadata=metadata)]
    own, other = answers[0].roles
    assert own.error_reason == "GROUP_NOT_FOUND"  # allowed through to the domain
    assert other.error_reason == "WRONG_TENANT"

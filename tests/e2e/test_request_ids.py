"""One OperationId per request: Envoy's `x-request-id`, whoever made the error."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc as pb_grpc

from tests.harness import RolecallProcess

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def http(rolecall: RolecallProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=rolecall.http_base, headers=rolecall.headers, timeout=10) as client:
        yield client


def group_path(group: str) -> str:
    tenant = f"t-{uuid.uuid4().hex[:8]}"
    return f"/api/v1/tenants/{tenant}/namespaces/n/clientfailover/groups/{group}"


def test_a_server_error_carries_the_request_id(http: httpx.Client) -> None:
    # Before: the server made up a fresh uuid, unrelated to the request's id.
    r = http.get(group_path("missing"))
    assert r.status_code == 404
    assert r.json()["Reason"] == "GROUP_NOT_FOUND"
    assert r.json()["OperationId"] == r.headers["x-request-id"]


def test_an_envoy_error_carries_the_request_id(http: httpx.Client) -> None:
    r = http.get("/no/such/operation")
    assert r.status_code == 404
    assert r.json()["OperationId"] == r.headers["x-request-id"]


def test_every_api_body_uses_it(http: httpx.Client) -> None:
    freezer = http.get(f"/v2/p-{uuid.uuid4().hex[:8]}/jobs/missing")
    g4 = http.get("/session/missing", headers={"x-g4-tenant": "acme"})
    live = http.get("/v1/sessions/999999")
    assert freezer.json()["operation_id"] == freezer.headers["x-request-id"]
    assert g4.json()["traceId"] == g4.headers["x-request-id"]
    assert live.json()["errors"][0]["id"] == live.headers["x-request-id"]


def test_native_grpc_errors_have_the_rich_status_but_no_rest_body(
    rolecall: RolecallProcess,
) -> None:
    with rolecall.channel() as channel:
        stub = pb_grpc.ClientFailoverServiceStub(channel)
        with pytest.raises(grpc.RpcError) as failure:
            stub.GetGroup(
                pb.GetGroupRequest(tenant_id="t", namespace_id="n", group_id="missing"),
                metadata=(("x-request-id", "req-42"),),
            )
    error = failure.value
    assert isinstance(error, grpc.Call)
    trailing = dict(error.trailing_metadata() or ())  # type: ignore[arg-type]
    assert "x-error-body" not in trailing
    status = status_pb2.Status.FromString(trailing["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.reason == "GROUP_NOT_FOUND"
    assert info.metadata["operation_id"] == "req-42"

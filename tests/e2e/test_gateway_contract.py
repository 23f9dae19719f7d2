"""The contract between the Envoy sidecar and the gRPC server, through a real Envoy.

A small in-test servicer stands in for rolecall's: it follows the conventions of
`server.gateway` (x-http-status, x-error-body, raw REST bodies in `google.api.HttpBody` parsed
by `server.api.rpc`) so these tests pin down what the gateway does with them, independently of
the domain. A second, test-only service takes any JSON value as its body (as g4's
`PUT /session/{id}` does), which is where bare numbers used to hang the transcoder.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import any_pb2, descriptor_pool, message_factory, wrappers_pb2
from google.protobuf.descriptor_pb2 import FileDescriptorSet
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc as pb_grpc

from server.api.auth import AuthInterceptor
from server.api.errors import failover_error_body
from server.api.json_body import JsonBody, parse_json_body
from server.api.rpc import RpcSurface
from server.domain.errors import DomainError
from server.gateway import EnvoySidecar, GatewaySettings, find_envoy, render_envoy_config

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

REPO = Path(__file__).resolve().parents[2]
FAILOVER = "rolecall.failover.v1.ClientFailoverService"
ANY_JSON = "rolecall.gatewaytest.v1.AnyJsonService"
GROUPS = "/api/v1/tenants/t/namespaces/n/clientfailover/groups"
SESSIONS = "/api/v1-preview/tenants/t/namespaces/n/clientfailover/groups/g/clientsessions"
LEAKED = {
    "grpc-status",
    "grpc-message",
    "grpc-status-details-bin",
    "grpc-accept-encoding",
    "x-error-body",
    "x-http-status",
}
ERROR_KEYS = {"OperationId", "Error", "Reason", "Resolution"}

ANY_JSON_PROTO = """
syntax = "proto3";
package rolecall.gatewaytest.v1;
import "google/api/annotations.proto";
import "google/api/httpbody.proto";
import "google/protobuf/struct.proto";
service AnyJsonService {
  rpc PutData(PutDataRequest) returns (PutDataResponse) {
    option (google.api.http) = {put: "/gatewaytest/data/{id}" body: "http_body"};
  }
}
message PutDataRequest {
  string id = 1; google.protobuf.Value data = 2; google.api.HttpBody http_body = 3;
}
message PutDataResponse { google.protobuf.Value data = 1; }
"""


def error_body(reason: str) -> str:
    return json.dumps(
        {"OperationId": "op-1", "Error": "It failed.", "Reason": reason, "Resolution": "Fix it."}
    )


# The real decorator: REST bodies are parsed strictly before the method runs.
surface = RpcSurface(pb.DESCRIPTOR.services_by_name["ClientFailoverService"], failover_error_body)


class FailoverStandIn(pb_grpc.ClientFailoverServiceServicer):
    """Answers like rolecall's servicer would, and records what each call received."""

    def __init__(self) -> None:
        self.metadata: list[dict[str, str]] = []

    def _record(self, context: Any) -> None:
        self.metadata.append({k: v for k, v in context.invocation_metadata() if isinstance(v, str)})

    async def _fail(
        self, context: Any, code: grpc.StatusCode, reason: str, http_status: int | None = None
    ) -> None:
        # As server.api.errors does: the REST body, plus a rich status for gRPC clients.
        detail = any_pb2.Any()
        detail.Pack(error_details_pb2.ErrorInfo(reason=reason, domain="rolecall"))
        status = status_pb2.Status(code=code.value[0], message="It failed.", details=[detail])
        trailing: list[tuple[str, str | bytes]] = [
            ("x-error-body", error_body(reason)),
            ("grpc-status-details-bin", status.SerializeToString()),
        ]
        if http_status is not None:
            trailing.append(("x-http-status", str(http_status)))
        await context.abort(code, "It failed.", trailing_metadata=tuple(trailing))

    async def GetGroup(self, request: pb.GetGroupRequest, context: Any) -> pb.Group:
        self._record(context)
        match request.group_id:
            case "missing":
                await self._fail(context, grpc.StatusCode.NOT_FOUND, "GROUP_NOT_FOUND")
            case "busy":
                await self._fail(context, grpc.StatusCode.ABORTED, "GROUP_HAS_LIVE_CLIENTS")
            case "huge":
                await self._fail(context, grpc.StatusCode.RESOURCE_EXHAUSTED, "TOO_LARGE", 413)
            case "bug":
                await context.abort(grpc.StatusCode.INTERNAL, "secret stack detail")
        return pb.Group(
            id=request.group_id,
            name="Group",
            milliseconds=30000,
            sessions={"s1": pb.SessionSummary(id="s1", name="one")},
            clients={"s1": pb.ClientStatus(session_id="s1", role=pb.CLIENT_ROLE_PRIMARY)},
        )

    @surface.unary
    async def CreateGroup(
        self, request: pb.CreateGroupRequest, context: Any
    ) -> wrappers_pb2.StringValue:
        self._record(context)
        return wrappers_pb2.StringValue(value=request.group.id)

    async def ListGroups(
        self, request: pb.ListGroupsRequest, context: Any
    ) -> AsyncIterator[pb.Group]:
        if request.namespace_id == "missing":
            await self._fail(context, grpc.StatusCode.NOT_FOUND, "NAMESPACE_NOT_FOUND")
        if request.namespace_id == "denied":
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "Not yours.")
        count = 0 if request.namespace_id == "empty" else 2
        for i in range(count):
            yield pb.Group(id=f"g{i}")

    @surface.unary
    async def CreateClientSession(
        self, request: pb.CreateClientSessionRequest, context: Any
    ) -> pb.ClientSession:
        self._record(context)
        await context.send_initial_metadata((("x-http-status", "201"),))
        return pb.ClientSession(id=request.client_session.id, name=request.client_session.name)

    @surface.unary
    async def PutClientSession(
        self, request: pb.PutClientSessionRequest, context: Any
    ) -> pb.ClientSession:
        self._record(context)
        return pb.ClientSession(id=request.session_id, name=request.client_session.name)

    async def DeleteClientSession(
        self, request: pb.DeleteClientSessionRequest, context: Any
    ) -> pb.DeleteClientSessionResponse:
        await context.send_initial_metadata((("x-http-status", "204"),))
        return pb.DeleteClientSessionResponse()

    async def WatchGroup(
        self, request: pb.WatchGroupRequest, context: Any
    ) -> AsyncIterator[pb.WatchGroupResponse]:
        for event in ("initial", "pending_primary", "primary"):
            yield pb.WatchGroupResponse(event=event)


def any_json_descriptors(workdir: Path) -> FileDescriptorSet:
    """Compile the test-only AnyJsonService (with its imports) into a descriptor set."""
    import grpc_tools  # type: ignore[import-untyped]
    from grpc_tools import protoc

    (workdir / "anyjson.proto").write_text(ANY_JSON_PROTO)
    out = workdir / "anyjson.pb"
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    args = ["protoc", f"-I{workdir}", f"-I{REPO / 'third_party'}", f"-I{well_known}"]
    args += ["--include_imports", f"--descriptor_set_out={out}", "anyjson.proto"]
    assert protoc.main(args) == 0
    return FileDescriptorSet.FromString(out.read_bytes())


def any_json_handler(files: FileDescriptorSet) -> grpc.GenericRpcHandler[Any, Any]:
    """Echo the body back in the response's `data`, parsed as rolecall parses REST bodies."""
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.AddSerializedFile(file.SerializeToString())
    request_class = message_factory.GetMessageClass(
        pool.FindMessageTypeByName("rolecall.gatewaytest.v1.PutDataRequest")
    )
    response_class = message_factory.GetMessageClass(
        pool.FindMessageTypeByName("rolecall.gatewaytest.v1.PutDataResponse")
    )

    binding = JsonBody("http_body", "data", ("id",), object_only=False)

    async def put_data(request: Any, context: Any) -> Any:
        try:
            parse_json_body(request, binding)
        except DomainError as exc:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                exc.message,
                trailing_metadata=(("x-error-body", error_body(exc.reason)),),
            )
        response: Any = response_class()
        response.data.struct_value.fields["data"].CopyFrom(request.data)
        return response

    handler = grpc.unary_unary_rpc_method_handler(
        put_data,
        request_deserializer=request_class.FromString,
        response_serializer=response_class.SerializeToString,
    )
    return grpc.method_handlers_generic_handler(ANY_JSON, {"PutData": handler})


def combined_descriptors(workdir: Path) -> tuple[Path, FileDescriptorSet]:
    """rolecall's descriptor set plus AnyJsonService's, for one Envoy serving both."""
    workdir.mkdir(parents=True, exist_ok=True)
    extra = any_json_descriptors(workdir)
    descriptors = FileDescriptorSet.FromString((REPO / "generated" / "rolecall.pb").read_bytes())
    known = {file.name for file in descriptors.file}
    descriptors.file.extend(file for file in extra.file if file.name not in known)
    path = workdir / "combined.pb"
    path.write_bytes(descriptors.SerializeToString())
    return path, extra


def echoed(response: httpx.Response) -> dict[str, Any]:
    """What AnyJsonService saw: {"data": body}."""
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


@dataclass
class Stack:
    sidecar: EnvoySidecar
    server: grpc.aio.Server
    health: HealthServicer
    servicer: FailoverStandIn
    grpc_port: int

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.sidecar.url, timeout=3.0)


@contextlib.asynccontextmanager
async def running_stack(workdir: Path, *, serving: bool = True) -> AsyncIterator[Stack]:
    """A gRPC server on 127.0.0.1:0 and an Envoy sidecar on ports 0 in front of it."""
    descriptor_path, extra = combined_descriptors(workdir)

    # Auth is not what this file tests: every call is the insecure admin's (--insecure-no-auth).
    server = grpc.aio.server(
        interceptors=[AuthInterceptor(None)], options=[("grpc.so_reuseport", 0)]
    )
    servicer = FailoverStandIn()
    pb_grpc.add_ClientFailoverServiceServicer_to_server(servicer, server)
    server.add_generic_rpc_handlers((any_json_handler(extra),))
    health = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    status = health_pb2.HealthCheckResponse.SERVING if serving else 2  # NOT_SERVING
    await health.set("", status)
    sidecar = EnvoySidecar(
        GatewaySettings(
            host="127.0.0.1",
            http_port=0,
            admin_port=0,
            grpc_host="127.0.0.1",
            grpc_port=port,
            descriptor_path=descriptor_path,
            services=[FAILOVER, ANY_JSON],
        )
    )
    try:
        await sidecar.start()
        if serving:
            await sidecar.wait_ready(10)
        yield Stack(sidecar, server, health, servicer, port)
    finally:
        await sidecar.stop()
        await server.stop(None)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    async with running_stack(tmp_path_factory.mktemp("gateway")) as running:
        yield running


def assert_no_leaks(response: httpx.Response) -> None:
    assert LEAKED.isdisjoint(response.headers.keys())


def assert_error_shape(response: httpx.Response, status: int, reason: str) -> dict[str, str]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["Reason"] == reason
    assert body["OperationId"]
    assert_no_leaks(response)
    return dict(body)


# --- success statuses and JSON shape ------------------------------------------------------


async def test_get_answers_200_with_documented_json(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.get(f"{GROUPS}/g1")
    assert response.status_code == 200
    assert response.json() == {
        "Id": "g1",
        "Name": "Group",
        "Description": "",
        "FailoverTimeout": "",
        "Milliseconds": 30000,
        "Sessions": {"s1": {"Id": "s1", "Name": "one"}},
        "Clients": {"s1": {"SessionId": "s1", "Role": 1}},
        "Epoch": "0",
    }
    assert_no_leaks(response)


async def test_initial_metadata_turns_200_into_201(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.post(SESSIONS, json={"Id": "s9", "Name": "nine"})
    assert response.status_code == 201
    assert response.json() == {"Id": "s9", "Name": "nine", "Role": 0}
    assert_no_leaks(response)


async def test_plain_success_stays_200(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.put(f"{SESSIONS}/s9", json={"Name": "renamed"})
    assert response.status_code == 200
    assert response.json()["Name"] == "renamed"


async def test_204_has_an_empty_body(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.delete(f"{SESSIONS}/s9")
    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers
    assert_no_leaks(response)


@pytest.mark.parametrize(("namespace", "count"), [("n", 2), ("empty", 0)])
async def test_streamed_list_is_a_bare_array(stack: Stack, namespace: str, count: int) -> None:
    async with stack.client() as client:
        response = await client.get(
            f"/api/v1/tenants/t/namespaces/{namespace}/clientfailover/groups"
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert isinstance(body, list)
    assert [group["Id"] for group in body] == [f"g{i}" for i in range(count)]


# --- errors from the server ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "status", "reason"),
    [("missing", 404, "GROUP_NOT_FOUND"), ("busy", 409, "GROUP_HAS_LIVE_CLIENTS")],
)
async def test_error_body_comes_from_trailing_metadata(
    stack: Stack, group: str, status: int, reason: str
) -> None:
    async with stack.client() as client:
        response = await client.get(f"{GROUPS}/{group}")
    assert response.status_code == status
    assert response.text == error_body(reason)
    assert_error_shape(response, status, reason)


async def test_a_streamed_list_that_fails_first_gets_the_error_body(stack: Stack) -> None:
    # The transcoder would answer `[]` with the error status.
    async with stack.client() as client:
        response = await client.get("/api/v1/tenants/t/namespaces/missing/clientfailover/groups")
        fallback = await client.get("/api/v1/tenants/t/namespaces/denied/clientfailover/groups")
    assert response.text == error_body("NAMESPACE_NOT_FOUND")
    assert_error_shape(response, 404, "NAMESPACE_NOT_FOUND")
    body = assert_error_shape(fallback, 403, "PERMISSION_DENIED")
    assert "Not yours" not in body["Error"]  # a gRPC-level message is never shown


async def test_trailing_http_status_overrides_the_error_status(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.get(f"{GROUPS}/huge")
    assert_error_shape(response, 413, "TOO_LARGE")


async def test_error_without_body_gets_a_generic_one(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.get(f"{GROUPS}/bug")
    body = assert_error_shape(response, 500, "INTERNAL")
    assert "secret" not in response.text
    assert body["OperationId"] == stack.servicer.metadata[-1]["x-request-id"]


# --- errors Envoy makes itself ------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/nope"), ("PATCH", f"{GROUPS}/g1"), ("GET", "/api/v1/tenants/t")],
)
async def test_unknown_operation_is_404(stack: Stack, method: str, path: str) -> None:
    async with stack.client() as client:
        response = await client.request(method, path)
    assert_error_shape(response, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body",
    [
        b'{"Id": ',
        b"{bad json}",
        b'{"Id": 5}',
        b'{"Heartbeat": {"FailoverStatus": "high"}}',
        b'{"Heartbeat": {"HeartbeatTime": "yesterday"}}',
        b"[1, 2]",
        b'"a string"',
        b"5",
        b'{"Id": "a", "Id": "b"}',
        b'{"Id": "a",}',
    ],
)
async def test_bad_json_is_400_and_never_reaches_the_servicer(stack: Stack, body: bytes) -> None:
    calls = len(stack.servicer.metadata)
    async with stack.client() as client:
        response = await client.post(SESSIONS, content=body)
    assert_error_shape(response, 400, "INVALID_REQUEST_BODY")
    assert len(stack.servicer.metadata) == calls


async def test_body_over_1_mib_is_413(stack: Stack) -> None:
    def group_body(total: int) -> bytes:
        head, tail = b'{"Id":"g","Description":"', b'"}'
        return head + b"a" * (total - len(head) - len(tail)) + tail

    async with stack.client() as client:
        at_limit = await client.post(GROUPS, content=group_body(1024 * 1024))
        over = await client.post(GROUPS, content=group_body(1024 * 1024 + 1))
    assert at_limit.status_code == 200
    assert_error_shape(over, 413, "BODY_TOO_LARGE")


@pytest.mark.parametrize(
    ("body", "value"),
    [(b"5", 5), (b"-1.5e3", -1500), (b"true", True), (b"null", None), (b'"s"', "s")],
)
async def test_bare_json_values_do_not_hang(stack: Stack, body: bytes, value: Any) -> None:
    # The transcoder, parsing a body itself, waited ~5 min for more input after a bare number.
    started = time.monotonic()
    async with stack.client() as client:
        response = await client.put("/gatewaytest/data/x", content=body)
    assert time.monotonic() - started < 2
    assert echoed(response)["data"] == value


@pytest.mark.parametrize("body", [b"-", b"1e", b"tru"])
async def test_broken_scalars_are_400_not_a_hang(stack: Stack, body: bytes) -> None:
    async with stack.client() as client:
        response = await client.put("/gatewaytest/data/x", content=body)
    assert_error_shape(response, 400, "INVALID_REQUEST_BODY")


# --- what the server receives -------------------------------------------------------------


async def test_rest_headers_reach_the_server(stack: Stack) -> None:
    async with stack.client() as client:
        response = await client.post(SESSIONS, json={"Id": "s1", "Name": "n"})
    assert response.status_code == 201
    metadata = stack.servicer.metadata[-1]
    assert metadata["x-envoy-original-method"] == "POST"
    assert metadata["x-envoy-original-path"] == SESSIONS
    assert metadata["x-request-id"]


@pytest.mark.parametrize(
    "body",
    [
        {"Id": "s1", "Bogus": 1},
        {"Id": "s1", "Heartbeat": {"FailoverStatus": 1, "Nope": 2}},
        {"id": "s1", "ID": "s2"},
    ],
)
async def test_unknown_fields_are_refused(stack: Stack, body: dict[str, Any]) -> None:
    calls = len(stack.servicer.metadata)
    async with stack.client() as client:
        response = await client.post(SESSIONS, json=body)
    assert_error_shape(response, 400, "UNKNOWN_FIELD")
    assert len(stack.servicer.metadata) == calls


async def test_client_headers_cannot_vouch_for_a_body(stack: Stack) -> None:
    forged = {"x-json-keys": "Id", "x-json-keys-truncated": "1"}
    async with stack.client() as client:
        response = await client.post(SESSIONS, json={"Id": "s1", "Bogus": 1}, headers=forged)
    assert_error_shape(response, 400, "UNKNOWN_FIELD")


# --- gRPC through the same port -----------------------------------------------------------


async def test_grpc_unary_and_rich_errors_pass_through(stack: Stack) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{stack.sidecar.http_port}") as channel:
        stub = pb_grpc.ClientFailoverServiceStub(channel)
        group = await stub.GetGroup(pb.GetGroupRequest(group_id="g1"))
        assert group.clients["s1"].role == pb.CLIENT_ROLE_PRIMARY
        assert "x-envoy-original-path" not in stack.servicer.metadata[-1]

        call = stub.CreateClientSession(
            pb.CreateClientSessionRequest(client_session=pb.ClientSession(id="s"))
        )
        await call
        assert ("x-http-status", "201") in tuple(await call.initial_metadata())

        with pytest.raises(grpc.aio.AioRpcError) as failure:
            await stub.GetGroup(pb.GetGroupRequest(group_id="missing"))
    error = failure.value
    assert error.code() == grpc.StatusCode.NOT_FOUND
    # The stubs type metadata items as objects; at run time they are (key, value) tuples.
    trailing: dict[str, Any] = dict(error.trailing_metadata() or ())  # type: ignore[arg-type]
    assert trailing["x-error-body"] == error_body("GROUP_NOT_FOUND")
    status = status_pb2.Status.FromString(trailing["grpc-status-details-bin"])
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.reason == "GROUP_NOT_FOUND"


async def test_grpc_streams_and_health_pass_through(stack: Stack) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{stack.sidecar.http_port}") as channel:
        stub = pb_grpc.ClientFailoverServiceStub(channel)
        events = [r.event async for r in stub.WatchGroup(pb.WatchGroupRequest(group_id="g"))]
        health = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    assert events == ["initial", "pending_primary", "primary"]
    assert health.status == health_pb2.HealthCheckResponse.SERVING


# --- the sidecar's life -------------------------------------------------------------------


async def test_rendered_config_passes_envoy_validation(tmp_path: Path) -> None:
    config = tmp_path / "envoy.json"
    config.write_text(
        render_envoy_config(
            GatewaySettings(
                host="0.0.0.0",
                http_port=8080,
                admin_port=9901,
                grpc_host="rolecall",
                grpc_port=50051,
                descriptor_path=REPO / "generated" / "rolecall.pb",
                services=[FAILOVER],
            )
        )
    )
    validate = await asyncio.create_subprocess_exec(
        find_envoy(),
        "--mode",
        "validate",
        "-c",
        str(config),
        "--disable-hot-restart",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(validate.communicate(), 30)
    assert validate.returncode == 0, output.decode()


async def test_ready_waits_for_grpc_health_and_stop_ends_envoy(tmp_path: Path) -> None:
    async with running_stack(tmp_path, serving=False) as running:
        sidecar = running.sidecar
        with pytest.raises(RuntimeError, match="not ready"):
            await sidecar.wait_ready(0.5)
        await running.health.set("", health_pb2.HealthCheckResponse.SERVING)
        await sidecar.wait_ready(5)
        assert sidecar.http_port > 0
        assert sidecar.admin_port > 0
        assert sidecar.http_port != sidecar.admin_port
        pid = sidecar.pid
        assert pid is not None
        await sidecar.stop()
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        await sidecar.stop()  # twice is fine


async def test_backend_down_is_503_for_rest_and_unavailable_for_grpc(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as running:
        await running.server.stop(None)
        async with running.client() as client:
            response = await client.get(f"{GROUPS}/g1")
        assert_error_shape(response, 503, "SERVICE_UNAVAILABLE")
        async with grpc.aio.insecure_channel(f"127.0.0.1:{running.sidecar.http_port}") as channel:
            stub = pb_grpc.ClientFailoverServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as failure:
                await stub.GetGroup(pb.GetGroupRequest(group_id="g1"), timeout=3)
        assert failure.value.code() == grpc.StatusCode.UNAVAILABLE
        assert "OperationId" not in (failure.value.details() or "")


async def test_a_second_sidecar_runs_beside_the_first(stack: Stack, tmp_path: Path) -> None:
    async with running_stack(tmp_path) as other:
        assert other.sidecar.http_port != stack.sidecar.http_port
        async with other.client() as client:
            assert (await client.get(f"{GROUPS}/g1")).status_code == 200

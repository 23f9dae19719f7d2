"""REST bodies are parsed strictly into the typed request, from the proto descriptors alone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from google.api import annotations_pb2, httpbody_pb2
from google.protobuf import json_format
from google.protobuf.descriptor import MethodDescriptor
from rolecall.failover.v1 import failover_pb2
from rolecall.jobs.v1 import jobs_pb2
from rolecall.ttl.v1 import ttl_pb2

from server.api.json_body import (
    INLINE_BODY_BYTES,
    MAX_JSON_NESTING,
    json_body_of,
    parse_json_body,
    parse_json_body_async,
)
from server.api.services import TRANSCODED_SERVICES
from server.domain.errors import InvalidArgument

MODULES = (failover_pb2, jobs_pb2, ttl_pb2)


def method(module: Any, service: str, name: str) -> MethodDescriptor:
    return module.DESCRIPTOR.services_by_name[service].methods_by_name[name]  # type: ignore[no-any-return]


def rest_methods() -> list[MethodDescriptor]:
    found = []
    for module in MODULES:
        for service in module.DESCRIPTOR.services_by_name.values():
            if service.full_name in TRANSCODED_SERVICES:
                found.extend(service.methods)
    return found


def with_body(request: Any, body: bytes | str) -> Any:
    raw = body.encode() if isinstance(body, str) else body
    request.http_body.CopyFrom(httpbody_pb2.HttpBody(content_type="application/json", data=raw))
    return request


def reason_of(request: Any, binding: Any) -> str:
    with pytest.raises(InvalidArgument) as failure:
        parse_json_body(request, binding)
    return failure.value.reason


CREATE_CLIENT_SESSION = method(failover_pb2, "ClientFailoverService", "CreateClientSession")
TTL_CREATE = method(ttl_pb2, "TtlSessionService", "CreateSession")
TTL_UPDATE = method(ttl_pb2, "TtlSessionService", "UpdateSession")
RUN_ACTION = method(jobs_pb2, "JobSessionService", "RunAction")


def test_every_rest_body_arrives_raw_and_names_its_typed_field() -> None:
    for rpc in rest_methods():
        rule = rpc.GetOptions().Extensions[annotations_pb2.http]
        bodies = {b.body for b in (rule, *rule.additional_bindings)} - {""}
        binding = json_body_of(rpc)
        assert bodies in (set(), {"http_body"}), rpc.full_name
        assert (binding is not None) == bool(bodies), rpc.full_name


def test_a_valid_body_fills_the_typed_field_by_json_or_proto_name() -> None:
    binding = json_body_of(CREATE_CLIENT_SESSION)
    assert binding is not None
    request = with_body(
        failover_pb2.CreateClientSessionRequest(group_id="g"),
        '{"Id": "s1", "name": "n", "Heartbeat": {"FailoverStatus": 2}}',
    )
    parse_json_body(request, binding)
    assert not request.HasField("http_body")
    assert request.group_id == "g"
    assert request.client_session.id == "s1"
    assert request.client_session.name == "n"
    assert request.client_session.heartbeat.failover_status == 2


def test_native_grpc_requests_are_untouched() -> None:
    binding = json_body_of(CREATE_CLIENT_SESSION)
    assert binding is not None
    request = failover_pb2.CreateClientSessionRequest(
        client_session=failover_pb2.ClientSession(id="s1")
    )
    parse_json_body(request, binding)
    assert request.client_session.id == "s1"


def test_an_unknown_field_at_key_path_250_is_refused() -> None:
    binding = json_body_of(TTL_CREATE)
    assert binding is not None
    body: dict[str, Any] = {"username": "u", "password": "p", "timeout": 5}
    body["data"] = {f"key-{i:04d}-of-a-large-body": i for i in range(246)}
    body["Bogus"] = 1  # key path 250, after 4 KiB of key paths
    assert len(json.dumps(body)) > 4096
    assert reason_of(with_body(ttl_pb2.CreateSessionRequest(), json.dumps(body)), binding) == (
        "UNKNOWN_FIELD"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"Id": "s1", "Bogus": 1}', "UNKNOWN_FIELD"),
        ('{"Heartbeat": {"Nope": 1}}', "UNKNOWN_FIELD"),
        ('{"http_body": {}}', "UNKNOWN_FIELD"),
        ('{"Id": "a",}', "INVALID_REQUEST_BODY"),
        ('{"Id": "a", "Id": "b"}', "INVALID_REQUEST_BODY"),
        ('"a string"', "INVALID_REQUEST_BODY"),
        ("[1, 2]", "INVALID_REQUEST_BODY"),
        (b"\xff", "INVALID_REQUEST_BODY"),
        ('{"Role": "boss"}', "INVALID_REQUEST_BODY"),
    ],
)
def test_bad_bodies_are_refused(body: str | bytes, reason: str) -> None:
    binding = json_body_of(CREATE_CLIENT_SESSION)
    assert binding is not None
    request = with_body(failover_pb2.CreateClientSessionRequest(), body)
    assert reason_of(request, binding) == reason


def test_the_whole_request_binding_keeps_the_path_over_the_body() -> None:
    binding = json_body_of(RUN_ACTION)
    assert binding is not None and binding.path_fields == ("project_id", "session_id")
    request = with_body(
        jobs_pb2.RunActionRequest(project_id="p", session_id="s"),
        '{"start": {"job_id": "j"}, "project_id": "other"}',
    )
    parse_json_body(request, binding)
    assert (request.project_id, request.session_id, request.start.job_id) == ("p", "s", "j")


@pytest.mark.parametrize(("body", "data"), [("5", 5), ("null", None), ("", {}), ("[]", [])])
def test_any_json_value_binds_to_a_value_field(body: str, data: Any) -> None:
    binding = json_body_of(TTL_UPDATE)
    assert binding is not None
    request = with_body(ttl_pb2.UpdateSessionRequest(id="x"), body)
    parse_json_body(request, binding)
    assert request.id == "x"
    assert json.loads(json_format.MessageToJson(request.data)) == data


@pytest.mark.parametrize("depth", [MAX_JSON_NESTING - 1, MAX_JSON_NESTING + 1, 99, 5000])
def test_nesting_is_limited(depth: int) -> None:
    binding = json_body_of(TTL_UPDATE)
    assert binding is not None
    request = with_body(ttl_pb2.UpdateSessionRequest(), "[" * depth + "]" * depth)
    if depth < MAX_JSON_NESTING:
        parse_json_body(request, binding)
    else:
        assert reason_of(request, binding) == "JSON_TOO_DEEP"


async def test_a_large_body_is_parsed_off_the_loop_with_the_same_rules() -> None:
    binding = json_body_of(TTL_UPDATE)
    assert binding is not None
    items = list(range(INLINE_BODY_BYTES))  # well over the inline size as JSON
    request = with_body(ttl_pb2.UpdateSessionRequest(id="x"), json.dumps(items))
    await parse_json_body_async(request, binding)
    assert len(request.data.list_value.values) == len(items)
    bad = with_body(ttl_pb2.UpdateSessionRequest(), json.dumps(items) + ",")
    with pytest.raises(InvalidArgument):
        await parse_json_body_async(bad, binding)

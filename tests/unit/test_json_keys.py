"""Unknown REST body fields are found from the proto descriptors alone."""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor
from rolecall.failover.v1 import failover_pb2

from server.api.rpc import unknown_json_paths

SESSION: Descriptor = failover_pb2.ClientSession.DESCRIPTOR  # type: ignore[assignment]
GROUP: Descriptor = failover_pb2.Group.DESCRIPTOR  # type: ignore[assignment]


def test_known_paths_by_json_name_and_proto_name() -> None:
    paths = [
        "Id",
        "Name",
        "Role",
        "Heartbeat",
        "Heartbeat.FailoverStatus",
        "heartbeat.heartbeat_time",
    ]
    assert unknown_json_paths(SESSION, paths) == []


def test_unknown_paths_are_reported_case_sensitively() -> None:
    assert unknown_json_paths(SESSION, ["ID", "Bogus", "Heartbeat.Nope"]) == [
        "ID",
        "Bogus",
        "Heartbeat.Nope",
    ]


def test_below_a_timestamp_or_map_key_anything_goes() -> None:
    assert unknown_json_paths(SESSION, ["Heartbeat.HeartbeatTime.seconds"]) == []
    assert unknown_json_paths(GROUP, ["Sessions.any-key.Id", "Sessions.k.Bad"]) == [
        "Sessions.k.Bad"
    ]

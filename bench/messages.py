"""Requests the loaders send, encoded once here with the generated stubs."""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf import timestamp_pb2
from rolecall.failover.v1 import failover_pb2 as pb

from bench.seed import NAMESPACE, TENANT

HEARTBEAT_STREAM = "/rolecall.failover.v1.ClientFailoverService/HeartbeatStream"
SEND_GROUP_HEARTBEAT = "/rolecall.failover.v1.ClientFailoverService/SendGroupHeartbeat"

SCORE = 50.0
# Agents send their own clock; a fixed time costs the server the same to convert.
HEARTBEAT_TIME = timestamp_pb2.Timestamp(seconds=1_767_225_600)
HEARTBEAT_TIME_JSON = "2026-01-01T00:00:00Z"

Session = tuple[str, str]  # (group id, session id)


def session_key(group_id: str, session_id: str) -> pb.ClientSessionKey:
    return pb.ClientSessionKey(
        tenant_id=TENANT, namespace_id=NAMESPACE, group_id=group_id, session_id=session_id
    )


def stream_request(
    sessions: Sequence[Session],
    sequence: int = 0,
    heartbeat_time: timestamp_pb2.Timestamp = HEARTBEAT_TIME,
) -> pb.HeartbeatStreamRequest:
    """One message of heartbeats; the failover probe gives the time it sends at, and so does
    the Node loader's paced mode (it stamps each one-heartbeat message as it writes it): the
    server measures from it how long heartbeats wait in its queues. Other pre-encoded loads
    keep the fixed time."""
    return pb.HeartbeatStreamRequest(
        heartbeats=[
            pb.SessionHeartbeat(
                key=session_key(group_id, session_id),
                failover_status=SCORE,
                heartbeat_time=heartbeat_time,
            )
            for group_id, session_id in sessions
        ],
        sequence=sequence,
    )


def stream_hex(sessions: Sequence[Session]) -> str:
    """A HeartbeatStreamRequest without `sequence` (the loader appends it), as hex."""
    return stream_request(sessions).SerializeToString().hex()


def unary_hex(session: Session) -> str:
    group_id, session_id = session
    request = pb.SendGroupHeartbeatRequest(
        tenant_id=TENANT,
        namespace_id=NAMESPACE,
        group_id=group_id,
        session_id=session_id,
        heartbeat=pb.GroupHeartbeat(percent_healthy_streams=SCORE, heartbeat_time=HEARTBEAT_TIME),
    )
    return request.SerializeToString().hex()


def rest_path(session: Session) -> str:
    group_id, session_id = session
    return (
        f"/api/v1/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups/{group_id}"
        f"/clientsessions/{session_id}"
    )


def rest_body() -> str:
    return f'{{"PercentHealthyStreams":{SCORE:g},"HeartbeatTime":"{HEARTBEAT_TIME_JSON}"}}'

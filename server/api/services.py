"""The gRPC services rolecall serves over REST: the gateway config is rendered from this list."""

from __future__ import annotations

from rolecall.failover.v1 import failover_pb2
from rolecall.jobs.v1 import jobs_pb2
from rolecall.live.v1 import live_pb2
from rolecall.status.v1 import status_pb2
from rolecall.ttl.v1 import ttl_pb2

# Every service Envoy transcodes (full names); health and reflection are gRPC only.
TRANSCODED_SERVICES: tuple[str, ...] = (
    failover_pb2.DESCRIPTOR.services_by_name["ClientFailoverService"].full_name,
    live_pb2.DESCRIPTOR.services_by_name["LiveSessionService"].full_name,
    ttl_pb2.DESCRIPTOR.services_by_name["TtlSessionService"].full_name,
    jobs_pb2.DESCRIPTOR.services_by_name["JobSessionService"].full_name,
    jobs_pb2.DESCRIPTOR.services_by_name["JobService"].full_name,
    status_pb2.DESCRIPTOR.services_by_name["StatusService"].full_name,
    status_pb2.DESCRIPTOR.services_by_name["ApiDocumentService"].full_name,
)

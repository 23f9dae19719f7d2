"""StatusService and ApiDocumentService: the operator's status page and the OpenAPI documents.

Translation only: the snapshot comes from server.services.status, the documents from
server.api.openapi, and the page's files are package data (server/api/static/).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from google.api import httpbody_pb2
from rolecall.status.v1 import status_pb2 as pb
from rolecall.status.v1 import status_pb2_grpc

from server.api.auth import current_principal
from server.api.errors import failover_error_body
from server.api.failover import to_timestamp
from server.api.openapi import DOCUMENTS
from server.api.rpc import Ctx, RpcSurface
from server.domain.errors import MissingObject, check_id
from server.services.status import GroupView, StatusService, StatusSnapshot

STATUS_SERVICE = pb.DESCRIPTOR.services_by_name["StatusService"]
DOCUMENT_SERVICE = pb.DESCRIPTOR.services_by_name["ApiDocumentService"]
status_rpc = RpcSurface(STATUS_SERVICE, failover_error_body)
document_rpc = RpcSurface(DOCUMENT_SERVICE, failover_error_body)

PAGE = "status.html"
# The page's assets by file name, with their content types; nothing else is served.
ASSETS = {
    "status.js": "text/javascript; charset=utf-8",
    "status.css": "text/css; charset=utf-8",
}
ASSET_NOT_FOUND = MissingObject(
    "ASSET_NOT_FOUND", "The status page has no asset {id}.", "Load the page from GET /status."
)
DOCUMENT_NOT_FOUND = MissingObject(
    "API_DOCUMENT_NOT_FOUND",
    "There is no OpenAPI document {id}.",
    "List the documents with GET /openapi.",
)


@functools.cache
def static_file(name: str) -> bytes:
    return resources.files("server.api").joinpath("static", name).read_bytes()


def _group_message(group: GroupView) -> pb.GroupStatus:
    message = pb.GroupStatus(
        group_id=group.key.group,
        name=group.name,
        epoch=float(group.epoch),
        primary_session_id=group.primary or "",
        pending_primary_session_id=group.pending or "",
        failover_timeout_seconds=group.timeout,
    )
    for client in group.clients:
        entry = message.clients.add(
            session_id=client.session_id,
            name=client.name,
            role=int(client.role),
            score=client.score,
            live=client.live,
        )
        if client.heartbeat_age is not None:
            entry.heartbeat_age_seconds = round(client.heartbeat_age, 3)
        if client.last_data_time is not None:
            entry.last_data_time.FromDatetime(client.last_data_time)
    return message


def status_message(snapshot: StatusSnapshot) -> pb.GetStatusResponse:
    response = pb.GetStatusResponse(
        snapshot_time=to_timestamp(snapshot.taken_at),
        streams=[pb.StreamCount(service=s, count=n) for s, n in snapshot.streams.items()],
        streamed_client_sessions=snapshot.streamed_client_sessions,
        ttl_session_count=snapshot.ttl_session_count,
        ttl_sessions=[
            pb.TtlSessionStatus(
                tenant_id=t.tenant,
                session_id=t.session_id,
                expire_time=to_timestamp(t.expires_at),
                timeout_seconds=t.timeout,
            )
            for t in snapshot.ttl_sessions
        ],
    )
    namespace: pb.NamespaceStatus | None = None
    for group in snapshot.groups:
        tenant, name = group.key.tenant, group.key.namespace
        if namespace is None or (namespace.tenant_id, namespace.namespace_id) != (tenant, name):
            namespace = response.namespaces.add(tenant_id=tenant, namespace_id=name)
        namespace.groups.append(_group_message(group))
    return response


@dataclass
class StatusServicer(status_pb2_grpc.StatusServiceServicer):
    status: StatusService

    @status_rpc.unary
    async def GetStatusPage(
        self, request: pb.GetStatusPageRequest, context: Ctx
    ) -> httpbody_pb2.HttpBody:
        return httpbody_pb2.HttpBody(
            content_type="text/html; charset=utf-8", data=static_file(PAGE)
        )

    @status_rpc.unary
    async def GetStatusAsset(
        self, request: pb.GetStatusAssetRequest, context: Ctx
    ) -> httpbody_pb2.HttpBody:
        content_type = ASSET_NOT_FOUND.lookup(ASSETS, request.name)
        return httpbody_pb2.HttpBody(content_type=content_type, data=static_file(request.name))

    @status_rpc.unary
    async def GetStatus(self, request: pb.GetStatusRequest, context: Ctx) -> pb.GetStatusResponse:
        tenant, namespace = request.tenant_id, request.namespace_id
        if tenant:
            check_id(tenant, "tenant")
        if namespace:
            check_id(namespace, "namespace")
        # The auth table checked the tenant and namespace against the token; streams carry
        # their token's tenant: a tenant's token counts its own only.
        principal = current_principal()
        streams_of = None if principal.is_admin else principal.tenant
        return status_message(await self.status.snapshot(tenant, namespace, streams_of))


class ApiDocumentServicer(status_pb2_grpc.ApiDocumentServiceServicer):
    @document_rpc.unary
    async def ListApiDocuments(
        self, request: pb.ListApiDocumentsRequest, context: Ctx
    ) -> pb.ListApiDocumentsResponse:
        return pb.ListApiDocumentsResponse(
            documents=[
                pb.ApiDocument(name=d.name, title=d.title, path=d.path) for d in DOCUMENTS.values()
            ]
        )

    @document_rpc.unary
    async def GetApiDocument(
        self, request: pb.GetApiDocumentRequest, context: Ctx
    ) -> httpbody_pb2.HttpBody:
        document = DOCUMENT_NOT_FOUND.lookup(DOCUMENTS, request.name)
        return httpbody_pb2.HttpBody(
            content_type="application/json", data=document.json_text().encode()
        )

"""JobSessionService and JobService: OpenStack Freezer v2 sessions and jobs.

The jobs service (server.services.jobs) keeps documents with Freezer's JSON field names, and the
protos carry the same names as json_name, so converting is `json_format` both ways. Every rule
(the start/end state machine, validation) lives in server.domain.jobs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message
from rolecall.jobs.v1 import jobs_pb2 as pb
from rolecall.jobs.v1 import jobs_pb2_grpc

from server.api.auth import current_principal
from server.api.errors import freezer_error_body
from server.api.rpc import Ctx, RpcSurface, set_http_status
from server.domain.jobs import PageRequest, parse_search
from server.services.jobs import Jobs

SESSIONS = pb.DESCRIPTOR.services_by_name["JobSessionService"]
JOBS = pb.DESCRIPTOR.services_by_name["JobService"]
session_rpc = RpcSurface(SESSIONS, freezer_error_body)
job_rpc = RpcSurface(JOBS, freezer_error_body)


def fields_of(message: Message) -> dict[str, Any]:
    """The fields a request message holds, under Freezer's names; absent ones are left out."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def page_of(request: pb.ListSessionsRequest | pb.ListJobsRequest) -> PageRequest:
    return PageRequest(request.limit, request.offset, search_of(request))


def search_of(request: pb.ListSessionsRequest | pb.ListJobsRequest) -> dict[str, Any] | None:
    """The search document: the GET body when it holds any entry, else the `search` parameter."""
    document = request.search_document
    if document.match or document.match_not:
        return fields_of(document)
    return parse_search(request.search)


def job_session_message(doc: dict[str, Any]) -> pb.JobSession:
    return json_format.ParseDict(doc, pb.JobSession(), ignore_unknown_fields=True)


def job_message(doc: dict[str, Any]) -> pb.Job:
    return json_format.ParseDict(doc, pb.Job(), ignore_unknown_fields=True)


def user_of(context: Ctx) -> str:
    """Freezer's `user_id`: the token's subject. Never a header: a client could send any (in
    OpenStack, keystonemiddleware sets `X-User-Id` from the verified token; we have the token)."""
    return current_principal().subject


async def created(
    create: Callable[[str, str, dict[str, Any]], Awaitable[str]],
    project_id: str,
    fields: Message,
    context: Ctx,
) -> str:
    """A new session or job (they are created alike, by their caller): its identifier."""
    new_id = await create(project_id, user_of(context), fields_of(fields))
    await set_http_status(context, 201)
    return new_id


@dataclass
class JobSessionServicer(jobs_pb2_grpc.JobSessionServiceServicer):
    jobs: Jobs

    @session_rpc.unary
    async def ListSessions(
        self, request: pb.ListSessionsRequest, context: Ctx
    ) -> pb.ListSessionsResponse:
        docs = await self.jobs.list_sessions(request.project_id, page_of(request))
        return pb.ListSessionsResponse(sessions=[job_session_message(d) for d in docs])

    @session_rpc.unary
    async def CreateSession(
        self, request: pb.CreateSessionRequest, context: Ctx
    ) -> pb.CreateSessionResponse:
        create = self.jobs.create_session
        session_id = await created(create, request.project_id, request.session, context)
        return pb.CreateSessionResponse(session_id=session_id)

    @session_rpc.unary
    async def GetSession(self, request: pb.GetSessionRequest, context: Ctx) -> pb.JobSession:
        doc = await self.jobs.get_session(request.project_id, request.session_id)
        return job_session_message(doc)

    @session_rpc.unary
    async def UpdateSession(
        self, request: pb.UpdateSessionRequest, context: Ctx
    ) -> pb.UpdateSessionResponse:
        patch = fields_of(request.session)
        # On the session's own URL the path names the session, whatever the body says.
        session_id = request.session_id or str(patch.get("session_id") or "")
        version = await self.jobs.update_session(request.project_id, session_id, patch)
        return pb.UpdateSessionResponse(session_id=session_id, version=version)

    @session_rpc.no_content
    async def DeleteSession(self, request: pb.DeleteSessionRequest, context: Ctx) -> None:
        await self.jobs.delete_session(request.project_id, request.session_id)

    @session_rpc.no_content
    async def AddJob(self, request: pb.AddJobRequest, context: Ctx) -> None:
        await self.jobs.add_job(request.project_id, request.session_id, request.job_id)

    @session_rpc.no_content
    async def RemoveJob(self, request: pb.RemoveJobRequest, context: Ctx) -> None:
        await self.jobs.remove_job(request.project_id, request.session_id, request.job_id)

    @session_rpc.unary
    async def RunAction(self, request: pb.RunActionRequest, context: Ctx) -> pb.RunActionResponse:
        action = request.WhichOneof("action") or ""
        params: dict[str, Any] = {}
        if action == "start":
            params = {"job_id": request.start.job_id, "current_tag": request.start.current_tag}
        elif action == "end":
            params = {"job_id": request.end.job_id}
            if request.end.result:
                params["result"] = request.end.result
        outcome = await self.jobs.run_action(request.project_id, request.session_id, action, params)
        await set_http_status(context, 202)
        return pb.RunActionResponse(result=outcome.result, session_tag=outcome.session_tag)


@dataclass
class JobServicer(jobs_pb2_grpc.JobServiceServicer):
    jobs: Jobs

    @job_rpc.unary
    async def ListJobs(self, request: pb.ListJobsRequest, context: Ctx) -> pb.ListJobsResponse:
        docs = await self.jobs.list_jobs(request.project_id, page_of(request))
        return pb.ListJobsResponse(jobs=[job_message(d) for d in docs])

    @job_rpc.unary
    async def CreateJob(self, request: pb.CreateJobRequest, context: Ctx) -> pb.CreateJobResponse:
        job_id = await created(self.jobs.create_job, request.project_id, request.job, context)
        return pb.CreateJobResponse(job_id=job_id)

    @job_rpc.unary
    async def GetJob(self, request: pb.GetJobRequest, context: Ctx) -> pb.Job:
        return job_message(await self.jobs.get_job(request.project_id, request.job_id))

    @job_rpc.unary
    async def UpdateJob(self, request: pb.UpdateJobRequest, context: Ctx) -> pb.UpdateJobResponse:
        version = await self.jobs.update_job(
            request.project_id, request.job_id, fields_of(request.job)
        )
        return pb.UpdateJobResponse(job_id=request.job_id, version=version)

    @job_rpc.no_content
    async def DeleteJob(self, request: pb.DeleteJobRequest, context: Ctx) -> None:
        await self.jobs.delete_job(request.project_id, request.job_id)

// Original file: protos/rolecall/jobs/v1/jobs.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddJobRequest as _rolecall_jobs_v1_AddJobRequest, AddJobRequest__Output as _rolecall_jobs_v1_AddJobRequest__Output } from '../../../rolecall/jobs/v1/AddJobRequest';
import type { AddJobResponse as _rolecall_jobs_v1_AddJobResponse, AddJobResponse__Output as _rolecall_jobs_v1_AddJobResponse__Output } from '../../../rolecall/jobs/v1/AddJobResponse';
import type { CreateSessionRequest as _rolecall_jobs_v1_CreateSessionRequest, CreateSessionRequest__Output as _rolecall_jobs_v1_CreateSessionRequest__Output } from '../../../rolecall/jobs/v1/CreateSessionRequest';
import type { CreateSessionResponse as _rolecall_jobs_v1_CreateSessionResponse, CreateSessionResponse__Output as _rolecall_jobs_v1_CreateSessionResponse__Output } from '../../../rolecall/jobs/v1/CreateSessionResponse';
import type { DeleteSessionRequest as _rolecall_jobs_v1_DeleteSessionRequest, DeleteSessionRequest__Output as _rolecall_jobs_v1_DeleteSessionRequest__Output } from '../../../rolecall/jobs/v1/DeleteSessionRequest';
import type { DeleteSessionResponse as _rolecall_jobs_v1_DeleteSessionResponse, DeleteSessionResponse__Output as _rolecall_jobs_v1_DeleteSessionResponse__Output } from '../../../rolecall/jobs/v1/DeleteSessionResponse';
import type { GetSessionRequest as _rolecall_jobs_v1_GetSessionRequest, GetSessionRequest__Output as _rolecall_jobs_v1_GetSessionRequest__Output } from '../../../rolecall/jobs/v1/GetSessionRequest';
import type { JobSession as _rolecall_jobs_v1_JobSession, JobSession__Output as _rolecall_jobs_v1_JobSession__Output } from '../../../rolecall/jobs/v1/JobSession';
import type { ListSessionsRequest as _rolecall_jobs_v1_ListSessionsRequest, ListSessionsRequest__Output as _rolecall_jobs_v1_ListSessionsRequest__Output } from '../../../rolecall/jobs/v1/ListSessionsRequest';
import type { ListSessionsResponse as _rolecall_jobs_v1_ListSessionsResponse, ListSessionsResponse__Output as _rolecall_jobs_v1_ListSessionsResponse__Output } from '../../../rolecall/jobs/v1/ListSessionsResponse';
import type { RemoveJobRequest as _rolecall_jobs_v1_RemoveJobRequest, RemoveJobRequest__Output as _rolecall_jobs_v1_RemoveJobRequest__Output } from '../../../rolecall/jobs/v1/RemoveJobRequest';
import type { RemoveJobResponse as _rolecall_jobs_v1_RemoveJobResponse, RemoveJobResponse__Output as _rolecall_jobs_v1_RemoveJobResponse__Output } from '../../../rolecall/jobs/v1/RemoveJobResponse';
import type { RunActionRequest as _rolecall_jobs_v1_RunActionRequest, RunActionRequest__Output as _rolecall_jobs_v1_RunActionRequest__Output } from '../../../rolecall/jobs/v1/RunActionRequest';
import type { RunActionResponse as _rolecall_jobs_v1_RunActionResponse, RunActionResponse__Output as _rolecall_jobs_v1_RunActionResponse__Output } from '../../../rolecall/jobs/v1/RunActionResponse';
import type { UpdateSessionRequest as _rolecall_jobs_v1_UpdateSessionRequest, UpdateSessionRequest__Output as _rolecall_jobs_v1_UpdateSessionRequest__Output } from '../../../rolecall/jobs/v1/UpdateSessionRequest';
import type { UpdateSessionResponse as _rolecall_jobs_v1_UpdateSessionResponse, UpdateSessionResponse__Output as _rolecall_jobs_v1_UpdateSessionResponse__Output } from '../../../rolecall/jobs/v1/UpdateSessionResponse';

/**
 * JobSessionService keeps OpenStack Freezer v2 sessions: groups of jobs that share one schedule
 * and start together. A session's tag grows by one at every new run; the start and end actions
 * decide, with Freezer's state machine, whether a job may start and when the run is complete.
 * Every object belongs to a project; another project's objects are NOT_FOUND (404). JSON field
 * names are Freezer's snake_case ones, set with json_name wherever lowerCamel would differ.
 */
export interface JobSessionServiceClient extends grpc.Client {
  /**
   * Adds a job to a session: the session gets a copy of the job's state, and the job takes the
   * session's id, tag and schedule. REST answers 204 with an empty body.
   */
  AddJob(argument: _rolecall_jobs_v1_AddJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  AddJob(argument: _rolecall_jobs_v1_AddJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  AddJob(argument: _rolecall_jobs_v1_AddJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  AddJob(argument: _rolecall_jobs_v1_AddJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds a job to a session: the session gets a copy of the job's state, and the job takes the
   * session's id, tag and schedule. REST answers 204 with an empty body.
   */
  addJob(argument: _rolecall_jobs_v1_AddJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  addJob(argument: _rolecall_jobs_v1_AddJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  addJob(argument: _rolecall_jobs_v1_AddJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  addJob(argument: _rolecall_jobs_v1_AddJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_AddJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a session; the body must hold `schedule`. Defaults: hold_off 30, session_tag 0,
   * status "active". REST answers 201 with the new session_id.
   */
  CreateSession(argument: _rolecall_jobs_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_jobs_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_jobs_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_jobs_v1_CreateSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a session; the body must hold `schedule`. Defaults: hold_off 30, session_tag 0,
   * status "active". REST answers 201 with the new session_id.
   */
  createSession(argument: _rolecall_jobs_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_jobs_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_jobs_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_jobs_v1_CreateSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a session. REST answers 204 with an empty body.
   */
  DeleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a session. REST answers 204 with an empty body.
   */
  deleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_jobs_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a session with its jobs.
   */
  GetSession(argument: _rolecall_jobs_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_jobs_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_jobs_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_jobs_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a session with its jobs.
   */
  getSession(argument: _rolecall_jobs_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_jobs_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_jobs_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_jobs_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_JobSession__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists a project's sessions: `limit` (default 10) from `offset` (default 0), filtered by a
   * Freezer search document `{"match": [...], "match_not": [...]}`.
   * 
   * As in Freezer, the search document is the body of the GET: Envoy's transcoder takes a body on
   * a GET whose binding names one (measured with Envoy 1.40), and an empty or absent body means
   * no search. Clients that cannot send a body on GET give the same JSON text, URL-encoded, as
   * the `search` query parameter; the body wins when both are given.
   */
  ListSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists a project's sessions: `limit` (default 10) from `offset` (default 0), filtered by a
   * Freezer search document `{"match": [...], "match_not": [...]}`.
   * 
   * As in Freezer, the search document is the body of the GET: Envoy's transcoder takes a body on
   * a GET whose binding names one (measured with Envoy 1.40), and an empty or absent body means
   * no search. Clients that cannot send a body on GET give the same JSON text, URL-encoded, as
   * the `search` query parameter; the body wins when both are given.
   */
  listSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_jobs_v1_ListSessionsRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes a job from a session and resets the job (session_id "", session_tag 0, event "stop").
   * REST answers 204 with an empty body.
   */
  RemoveJob(argument: _rolecall_jobs_v1_RemoveJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  RemoveJob(argument: _rolecall_jobs_v1_RemoveJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  RemoveJob(argument: _rolecall_jobs_v1_RemoveJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  RemoveJob(argument: _rolecall_jobs_v1_RemoveJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a job from a session and resets the job (session_id "", session_tag 0, event "stop").
   * REST answers 204 with an empty body.
   */
  removeJob(argument: _rolecall_jobs_v1_RemoveJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  removeJob(argument: _rolecall_jobs_v1_RemoveJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  removeJob(argument: _rolecall_jobs_v1_RemoveJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  removeJob(argument: _rolecall_jobs_v1_RemoveJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_RemoveJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Runs a session action: `{"start": {"job_id", "current_tag"}}` or `{"end": {"job_id",
   * "result"}}`. REST answers 202 with the result and the session's tag. An unknown action is
   * INVALID_ARGUMENT (400, UNKNOWN_FIELD over REST; no action at all: INVALID_ARGUMENT too):
   * REST cannot give Freezer's 405 for it. Freezer's path is `/action`; the plural `/actions` of
   * its API reference works too.
   */
  RunAction(argument: _rolecall_jobs_v1_RunActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  RunAction(argument: _rolecall_jobs_v1_RunActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  RunAction(argument: _rolecall_jobs_v1_RunActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  RunAction(argument: _rolecall_jobs_v1_RunActionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Runs a session action: `{"start": {"job_id", "current_tag"}}` or `{"end": {"job_id",
   * "result"}}`. REST answers 202 with the result and the session's tag. An unknown action is
   * INVALID_ARGUMENT (400, UNKNOWN_FIELD over REST; no action at all: INVALID_ARGUMENT too):
   * REST cannot give Freezer's 405 for it. Freezer's path is `/action`; the plural `/actions` of
   * its API reference works too.
   */
  runAction(argument: _rolecall_jobs_v1_RunActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  runAction(argument: _rolecall_jobs_v1_RunActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  runAction(argument: _rolecall_jobs_v1_RunActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  runAction(argument: _rolecall_jobs_v1_RunActionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_RunActionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Updates the fields of a session the body holds and answers its new version. Freezer documents
   * the PATCH on the collection with `session_id` in the body; the PATCH on the session's own URL
   * works too, and there the path wins over the body.
   */
  UpdateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Updates the fields of a session the body holds and answers its new version. Freezer documents
   * the PATCH on the collection with `session_id` in the body; the PATCH on the session's own URL
   * works too, and there the path wins over the body.
   */
  updateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_jobs_v1_UpdateSessionRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * JobSessionService keeps OpenStack Freezer v2 sessions: groups of jobs that share one schedule
 * and start together. A session's tag grows by one at every new run; the start and end actions
 * decide, with Freezer's state machine, whether a job may start and when the run is complete.
 * Every object belongs to a project; another project's objects are NOT_FOUND (404). JSON field
 * names are Freezer's snake_case ones, set with json_name wherever lowerCamel would differ.
 */
export interface JobSessionServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Adds a job to a session: the session gets a copy of the job's state, and the job takes the
   * session's id, tag and schedule. REST answers 204 with an empty body.
   */
  AddJob: grpc.handleUnaryCall<_rolecall_jobs_v1_AddJobRequest__Output, _rolecall_jobs_v1_AddJobResponse>;
  
  /**
   * Creates a session; the body must hold `schedule`. Defaults: hold_off 30, session_tag 0,
   * status "active". REST answers 201 with the new session_id.
   */
  CreateSession: grpc.handleUnaryCall<_rolecall_jobs_v1_CreateSessionRequest__Output, _rolecall_jobs_v1_CreateSessionResponse>;
  
  /**
   * Deletes a session. REST answers 204 with an empty body.
   */
  DeleteSession: grpc.handleUnaryCall<_rolecall_jobs_v1_DeleteSessionRequest__Output, _rolecall_jobs_v1_DeleteSessionResponse>;
  
  /**
   * Gets a session with its jobs.
   */
  GetSession: grpc.handleUnaryCall<_rolecall_jobs_v1_GetSessionRequest__Output, _rolecall_jobs_v1_JobSession>;
  
  /**
   * Lists a project's sessions: `limit` (default 10) from `offset` (default 0), filtered by a
   * Freezer search document `{"match": [...], "match_not": [...]}`.
   * 
   * As in Freezer, the search document is the body of the GET: Envoy's transcoder takes a body on
   * a GET whose binding names one (measured with Envoy 1.40), and an empty or absent body means
   * no search. Clients that cannot send a body on GET give the same JSON text, URL-encoded, as
   * the `search` query parameter; the body wins when both are given.
   */
  ListSessions: grpc.handleUnaryCall<_rolecall_jobs_v1_ListSessionsRequest__Output, _rolecall_jobs_v1_ListSessionsResponse>;
  
  /**
   * Removes a job from a session and resets the job (session_id "", session_tag 0, event "stop").
   * REST answers 204 with an empty body.
   */
  RemoveJob: grpc.handleUnaryCall<_rolecall_jobs_v1_RemoveJobRequest__Output, _rolecall_jobs_v1_RemoveJobResponse>;
  
  /**
   * Runs a session action: `{"start": {"job_id", "current_tag"}}` or `{"end": {"job_id",
   * "result"}}`. REST answers 202 with the result and the session's tag. An unknown action is
   * INVALID_ARGUMENT (400, UNKNOWN_FIELD over REST; no action at all: INVALID_ARGUMENT too):
   * REST cannot give Freezer's 405 for it. Freezer's path is `/action`; the plural `/actions` of
   * its API reference works too.
   */
  RunAction: grpc.handleUnaryCall<_rolecall_jobs_v1_RunActionRequest__Output, _rolecall_jobs_v1_RunActionResponse>;
  
  /**
   * Updates the fields of a session the body holds and answers its new version. Freezer documents
   * the PATCH on the collection with `session_id` in the body; the PATCH on the session's own URL
   * works too, and there the path wins over the body.
   */
  UpdateSession: grpc.handleUnaryCall<_rolecall_jobs_v1_UpdateSessionRequest__Output, _rolecall_jobs_v1_UpdateSessionResponse>;
  
}

export interface JobSessionServiceDefinition extends grpc.ServiceDefinition {
  AddJob: MethodDefinition<_rolecall_jobs_v1_AddJobRequest, _rolecall_jobs_v1_AddJobResponse, _rolecall_jobs_v1_AddJobRequest__Output, _rolecall_jobs_v1_AddJobResponse__Output>
  CreateSession: MethodDefinition<_rolecall_jobs_v1_CreateSessionRequest, _rolecall_jobs_v1_CreateSessionResponse, _rolecall_jobs_v1_CreateSessionRequest__Output, _rolecall_jobs_v1_CreateSessionResponse__Output>
  DeleteSession: MethodDefinition<_rolecall_jobs_v1_DeleteSessionRequest, _rolecall_jobs_v1_DeleteSessionResponse, _rolecall_jobs_v1_DeleteSessionRequest__Output, _rolecall_jobs_v1_DeleteSessionResponse__Output>
  GetSession: MethodDefinition<_rolecall_jobs_v1_GetSessionRequest, _rolecall_jobs_v1_JobSession, _rolecall_jobs_v1_GetSessionRequest__Output, _rolecall_jobs_v1_JobSession__Output>
  ListSessions: MethodDefinition<_rolecall_jobs_v1_ListSessionsRequest, _rolecall_jobs_v1_ListSessionsResponse, _rolecall_jobs_v1_ListSessionsRequest__Output, _rolecall_jobs_v1_ListSessionsResponse__Output>
  RemoveJob: MethodDefinition<_rolecall_jobs_v1_RemoveJobRequest, _rolecall_jobs_v1_RemoveJobResponse, _rolecall_jobs_v1_RemoveJobRequest__Output, _rolecall_jobs_v1_RemoveJobResponse__Output>
  RunAction: MethodDefinition<_rolecall_jobs_v1_RunActionRequest, _rolecall_jobs_v1_RunActionResponse, _rolecall_jobs_v1_RunActionRequest__Output, _rolecall_jobs_v1_RunActionResponse__Output>
  UpdateSession: MethodDefinition<_rolecall_jobs_v1_UpdateSessionRequest, _rolecall_jobs_v1_UpdateSessionResponse, _rolecall_jobs_v1_UpdateSessionRequest__Output, _rolecall_jobs_v1_UpdateSessionResponse__Output>
}

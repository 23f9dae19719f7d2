// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobSessionFields as _rolecall_jobs_v1_JobSessionFields, JobSessionFields__Output as _rolecall_jobs_v1_JobSessionFields__Output } from '../../../rolecall/jobs/v1/JobSessionFields';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * CreateSessionRequest carries a new session.
 */
export interface CreateSessionRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The session's fields; schedule is required.
   */
  'session'?: (_rolecall_jobs_v1_JobSessionFields | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
}

/**
 * CreateSessionRequest carries a new session.
 */
export interface CreateSessionRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session's fields; schedule is required.
   */
  'session': (_rolecall_jobs_v1_JobSessionFields__Output | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

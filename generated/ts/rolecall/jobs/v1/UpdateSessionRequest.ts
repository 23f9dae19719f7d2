// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobSessionFields as _rolecall_jobs_v1_JobSessionFields, JobSessionFields__Output as _rolecall_jobs_v1_JobSessionFields__Output } from '../../../rolecall/jobs/v1/JobSessionFields';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * UpdateSessionRequest carries a session patch.
 */
export interface UpdateSessionRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The session; empty on the collection binding, where the body's session_id names it.
   */
  'session_id'?: (string);
  /**
   * The fields to change.
   */
  'session'?: (_rolecall_jobs_v1_JobSessionFields | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
}

/**
 * UpdateSessionRequest carries a session patch.
 */
export interface UpdateSessionRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session; empty on the collection binding, where the body's session_id names it.
   */
  'session_id': (string);
  /**
   * The fields to change.
   */
  'session': (_rolecall_jobs_v1_JobSessionFields__Output | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { StartAction as _rolecall_jobs_v1_StartAction, StartAction__Output as _rolecall_jobs_v1_StartAction__Output } from '../../../rolecall/jobs/v1/StartAction';
import type { EndAction as _rolecall_jobs_v1_EndAction, EndAction__Output as _rolecall_jobs_v1_EndAction__Output } from '../../../rolecall/jobs/v1/EndAction';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * RunActionRequest carries one session action.
 */
export interface RunActionRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The session.
   */
  'session_id'?: (string);
  /**
   * Start a job.
   */
  'start'?: (_rolecall_jobs_v1_StartAction | null);
  /**
   * End a job.
   */
  'end'?: (_rolecall_jobs_v1_EndAction | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into the request itself;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
  /**
   * The action: exactly one of start and end.
   */
  'action'?: "start"|"end";
}

/**
 * RunActionRequest carries one session action.
 */
export interface RunActionRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session.
   */
  'session_id': (string);
  /**
   * Start a job.
   */
  'start'?: (_rolecall_jobs_v1_StartAction__Output | null);
  /**
   * End a job.
   */
  'end'?: (_rolecall_jobs_v1_EndAction__Output | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into the request itself;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
  /**
   * The action: exactly one of start and end.
   */
  'action'?: "start"|"end";
}

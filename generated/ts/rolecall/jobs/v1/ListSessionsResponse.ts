// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobSession as _rolecall_jobs_v1_JobSession, JobSession__Output as _rolecall_jobs_v1_JobSession__Output } from '../../../rolecall/jobs/v1/JobSession';

/**
 * ListSessionsResponse holds a page of sessions.
 */
export interface ListSessionsResponse {
  /**
   * The sessions.
   */
  'sessions'?: (_rolecall_jobs_v1_JobSession)[];
}

/**
 * ListSessionsResponse holds a page of sessions.
 */
export interface ListSessionsResponse__Output {
  /**
   * The sessions.
   */
  'sessions': (_rolecall_jobs_v1_JobSession__Output)[];
}

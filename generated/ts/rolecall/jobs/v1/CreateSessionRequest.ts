// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobSessionFields as _rolecall_jobs_v1_JobSessionFields, JobSessionFields__Output as _rolecall_jobs_v1_JobSessionFields__Output } from '../../../rolecall/jobs/v1/JobSessionFields';

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
}

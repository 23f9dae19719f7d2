// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Job as _rolecall_jobs_v1_Job, Job__Output as _rolecall_jobs_v1_Job__Output } from '../../../rolecall/jobs/v1/Job';

/**
 * ListJobsResponse holds a page of jobs.
 */
export interface ListJobsResponse {
  /**
   * The jobs.
   */
  'jobs'?: (_rolecall_jobs_v1_Job)[];
}

/**
 * ListJobsResponse holds a page of jobs.
 */
export interface ListJobsResponse__Output {
  /**
   * The jobs.
   */
  'jobs': (_rolecall_jobs_v1_Job__Output)[];
}

// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobFields as _rolecall_jobs_v1_JobFields, JobFields__Output as _rolecall_jobs_v1_JobFields__Output } from '../../../rolecall/jobs/v1/JobFields';

/**
 * CreateJobRequest carries a new job.
 */
export interface CreateJobRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The job's fields; client_id, job_schedule and job_actions are required.
   */
  'job'?: (_rolecall_jobs_v1_JobFields | null);
}

/**
 * CreateJobRequest carries a new job.
 */
export interface CreateJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The job's fields; client_id, job_schedule and job_actions are required.
   */
  'job': (_rolecall_jobs_v1_JobFields__Output | null);
}

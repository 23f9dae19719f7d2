// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobFields as _rolecall_jobs_v1_JobFields, JobFields__Output as _rolecall_jobs_v1_JobFields__Output } from '../../../rolecall/jobs/v1/JobFields';

/**
 * UpdateJobRequest carries a job patch.
 */
export interface UpdateJobRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The job.
   */
  'job_id'?: (string);
  /**
   * The fields to change.
   */
  'job'?: (_rolecall_jobs_v1_JobFields | null);
}

/**
 * UpdateJobRequest carries a job patch.
 */
export interface UpdateJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The job.
   */
  'job_id': (string);
  /**
   * The fields to change.
   */
  'job': (_rolecall_jobs_v1_JobFields__Output | null);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * CreateJobResponse names the new job.
 */
export interface CreateJobResponse {
  /**
   * The new job's identifier.
   */
  'job_id'?: (string);
}

/**
 * CreateJobResponse names the new job.
 */
export interface CreateJobResponse__Output {
  /**
   * The new job's identifier.
   */
  'job_id': (string);
}

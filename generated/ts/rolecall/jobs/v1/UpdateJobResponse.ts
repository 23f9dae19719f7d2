// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * UpdateJobResponse gives the job's new version.
 */
export interface UpdateJobResponse {
  /**
   * The job.
   */
  'job_id'?: (string);
  /**
   * Its new version.
   */
  'version'?: (number);
}

/**
 * UpdateJobResponse gives the job's new version.
 */
export interface UpdateJobResponse__Output {
  /**
   * The job.
   */
  'job_id': (string);
  /**
   * Its new version.
   */
  'version': (number);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * GetJobRequest names a job.
 */
export interface GetJobRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The job.
   */
  'job_id'?: (string);
}

/**
 * GetJobRequest names a job.
 */
export interface GetJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The job.
   */
  'job_id': (string);
}

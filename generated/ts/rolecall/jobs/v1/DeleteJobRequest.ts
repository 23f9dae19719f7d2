// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * DeleteJobRequest names a job to delete.
 */
export interface DeleteJobRequest {
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
 * DeleteJobRequest names a job to delete.
 */
export interface DeleteJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The job.
   */
  'job_id': (string);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * AddJobRequest names a job to add to a session.
 */
export interface AddJobRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The session.
   */
  'session_id'?: (string);
  /**
   * The job.
   */
  'job_id'?: (string);
}

/**
 * AddJobRequest names a job to add to a session.
 */
export interface AddJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session.
   */
  'session_id': (string);
  /**
   * The job.
   */
  'job_id': (string);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * RemoveJobRequest names a job to remove from a session.
 */
export interface RemoveJobRequest {
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
 * RemoveJobRequest names a job to remove from a session.
 */
export interface RemoveJobRequest__Output {
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

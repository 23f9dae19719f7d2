// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * DeleteSessionRequest names a session to delete.
 */
export interface DeleteSessionRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The session.
   */
  'session_id'?: (string);
}

/**
 * DeleteSessionRequest names a session to delete.
 */
export interface DeleteSessionRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session.
   */
  'session_id': (string);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * GetSessionRequest names a session.
 */
export interface GetSessionRequest {
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
 * GetSessionRequest names a session.
 */
export interface GetSessionRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The session.
   */
  'session_id': (string);
}

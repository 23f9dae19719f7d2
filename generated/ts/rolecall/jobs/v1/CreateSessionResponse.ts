// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * CreateSessionResponse names the new session.
 */
export interface CreateSessionResponse {
  /**
   * The new session's identifier.
   */
  'session_id'?: (string);
}

/**
 * CreateSessionResponse names the new session.
 */
export interface CreateSessionResponse__Output {
  /**
   * The new session's identifier.
   */
  'session_id': (string);
}

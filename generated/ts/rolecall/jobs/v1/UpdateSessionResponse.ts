// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * UpdateSessionResponse gives the session's new version.
 */
export interface UpdateSessionResponse {
  /**
   * The session.
   */
  'session_id'?: (string);
  /**
   * Its new version.
   */
  'version'?: (number);
}

/**
 * UpdateSessionResponse gives the session's new version.
 */
export interface UpdateSessionResponse__Output {
  /**
   * The session.
   */
  'session_id': (string);
  /**
   * Its new version.
   */
  'version': (number);
}

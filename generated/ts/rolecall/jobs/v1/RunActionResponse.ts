// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * RunActionResponse is the outcome of a session action.
 */
export interface RunActionResponse {
  /**
   * "success", "hold-off" or "out-of-sync".
   */
  'result'?: (string);
  /**
   * The session's tag after the action.
   */
  'session_tag'?: (number);
}

/**
 * RunActionResponse is the outcome of a session action.
 */
export interface RunActionResponse__Output {
  /**
   * "success", "hold-off" or "out-of-sync".
   */
  'result': (string);
  /**
   * The session's tag after the action.
   */
  'session_tag': (number);
}

// Original file: protos/rolecall/live/v1/live.proto


/**
 * DeleteSessionRequest names a live session to close.
 */
export interface DeleteSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
}

/**
 * DeleteSessionRequest names a live session to close.
 */
export interface DeleteSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
}

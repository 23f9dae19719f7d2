// Original file: protos/rolecall/live/v1/live.proto


/**
 * GetSessionRequest names a live session.
 */
export interface GetSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
}

/**
 * GetSessionRequest names a live session.
 */
export interface GetSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
}

// Original file: protos/rolecall/ttl/v1/ttl.proto


/**
 * GetSessionRequest names a session.
 */
export interface GetSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
}

/**
 * GetSessionRequest names a session.
 */
export interface GetSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
}

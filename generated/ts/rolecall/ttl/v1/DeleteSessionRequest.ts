// Original file: protos/rolecall/ttl/v1/ttl.proto


/**
 * DeleteSessionRequest names a session to end.
 */
export interface DeleteSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
}

/**
 * DeleteSessionRequest names a session to end.
 */
export interface DeleteSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
}

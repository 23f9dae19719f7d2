// Original file: protos/rolecall/ttl/v1/ttl.proto


/**
 * GetStaticSessionRequest names a session to read without touching its expiry.
 */
export interface GetStaticSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
}

/**
 * GetStaticSessionRequest names a session to read without touching its expiry.
 */
export interface GetStaticSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
}

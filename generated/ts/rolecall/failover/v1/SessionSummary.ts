// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * SessionSummary names a client session of a group.
 */
export interface SessionSummary {
  /**
   * The client session's identifier.
   */
  'id'?: (string);
  /**
   * The client session's display name.
   */
  'name'?: (string);
}

/**
 * SessionSummary names a client session of a group.
 */
export interface SessionSummary__Output {
  /**
   * The client session's identifier.
   */
  'id': (string);
  /**
   * The client session's display name.
   */
  'name': (string);
}

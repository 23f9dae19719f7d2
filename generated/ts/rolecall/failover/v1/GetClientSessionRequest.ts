// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * GetClientSessionRequest names a client session.
 */
export interface GetClientSessionRequest {
  /**
   * The tenant.
   */
  'tenant_id'?: (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id'?: (string);
  /**
   * The group.
   */
  'group_id'?: (string);
  /**
   * The client session.
   */
  'session_id'?: (string);
}

/**
 * GetClientSessionRequest names a client session.
 */
export interface GetClientSessionRequest__Output {
  /**
   * The tenant.
   */
  'tenant_id': (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id': (string);
  /**
   * The group.
   */
  'group_id': (string);
  /**
   * The client session.
   */
  'session_id': (string);
}

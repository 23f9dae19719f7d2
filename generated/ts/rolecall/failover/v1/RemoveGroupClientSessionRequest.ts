// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * RemoveGroupClientSessionRequest names a client session to remove.
 */
export interface RemoveGroupClientSessionRequest {
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
 * RemoveGroupClientSessionRequest names a client session to remove.
 */
export interface RemoveGroupClientSessionRequest__Output {
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

// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * DeleteClientSessionRequest names a client session to delete.
 */
export interface DeleteClientSessionRequest {
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
 * DeleteClientSessionRequest names a client session to delete.
 */
export interface DeleteClientSessionRequest__Output {
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

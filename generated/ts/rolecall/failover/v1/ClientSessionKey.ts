// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * ClientSessionKey names one client session of one group, tenancy included.
 */
export interface ClientSessionKey {
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
 * ClientSessionKey names one client session of one group, tenancy included.
 */
export interface ClientSessionKey__Output {
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

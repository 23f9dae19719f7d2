// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * ListClientSessionsRequest names a group.
 */
export interface ListClientSessionsRequest {
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
}

/**
 * ListClientSessionsRequest names a group.
 */
export interface ListClientSessionsRequest__Output {
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
}

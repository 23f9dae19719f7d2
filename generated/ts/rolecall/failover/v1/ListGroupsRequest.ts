// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * ListGroupsRequest names a namespace.
 */
export interface ListGroupsRequest {
  /**
   * The tenant.
   */
  'tenant_id'?: (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id'?: (string);
}

/**
 * ListGroupsRequest names a namespace.
 */
export interface ListGroupsRequest__Output {
  /**
   * The tenant.
   */
  'tenant_id': (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id': (string);
}

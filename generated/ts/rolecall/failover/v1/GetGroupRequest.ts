// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * GetGroupRequest names a group.
 */
export interface GetGroupRequest {
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
 * GetGroupRequest names a group.
 */
export interface GetGroupRequest__Output {
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

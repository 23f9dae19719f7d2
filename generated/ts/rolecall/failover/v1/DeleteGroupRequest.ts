// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * DeleteGroupRequest names a group to delete.
 */
export interface DeleteGroupRequest {
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
 * DeleteGroupRequest names a group to delete.
 */
export interface DeleteGroupRequest__Output {
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

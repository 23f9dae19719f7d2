// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * WatchGroupRequest names a group to watch.
 */
export interface WatchGroupRequest {
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
 * WatchGroupRequest names a group to watch.
 */
export interface WatchGroupRequest__Output {
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

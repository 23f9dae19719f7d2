// Original file: protos/rolecall/live/v1/live.proto


/**
 * GroupRef names a failover group a stream serves.
 */
export interface GroupRef {
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
 * GroupRef names a failover group a stream serves.
 */
export interface GroupRef__Output {
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

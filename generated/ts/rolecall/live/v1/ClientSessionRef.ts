// Original file: protos/rolecall/live/v1/live.proto


/**
 * ClientSessionRef names a client session a stream serves.
 */
export interface ClientSessionRef {
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
 * ClientSessionRef names a client session a stream serves.
 */
export interface ClientSessionRef__Output {
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

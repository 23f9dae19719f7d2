// Original file: protos/rolecall/status/v1/status.proto


/**
 * GetStatusRequest narrows a snapshot.
 */
export interface GetStatusRequest {
  /**
   * Only this tenant's groups and TTL sessions; empty for every tenant.
   */
  'tenant_id'?: (string);
  /**
   * Only this namespace's groups (of the tenant); empty for every namespace.
   */
  'namespace_id'?: (string);
}

/**
 * GetStatusRequest narrows a snapshot.
 */
export interface GetStatusRequest__Output {
  /**
   * Only this tenant's groups and TTL sessions; empty for every tenant.
   */
  'tenant_id': (string);
  /**
   * Only this namespace's groups (of the tenant); empty for every namespace.
   */
  'namespace_id': (string);
}

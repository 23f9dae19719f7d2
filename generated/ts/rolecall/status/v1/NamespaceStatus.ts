// Original file: protos/rolecall/status/v1/status.proto

import type { GroupStatus as _rolecall_status_v1_GroupStatus, GroupStatus__Output as _rolecall_status_v1_GroupStatus__Output } from '../../../rolecall/status/v1/GroupStatus';

/**
 * NamespaceStatus holds the groups of one namespace of one tenant.
 */
export interface NamespaceStatus {
  /**
   * The tenant.
   */
  'tenant_id'?: (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id'?: (string);
  /**
   * The namespace's groups in identifier order.
   */
  'groups'?: (_rolecall_status_v1_GroupStatus)[];
}

/**
 * NamespaceStatus holds the groups of one namespace of one tenant.
 */
export interface NamespaceStatus__Output {
  /**
   * The tenant.
   */
  'tenant_id': (string);
  /**
   * The namespace within the tenant.
   */
  'namespace_id': (string);
  /**
   * The namespace's groups in identifier order.
   */
  'groups': (_rolecall_status_v1_GroupStatus__Output)[];
}

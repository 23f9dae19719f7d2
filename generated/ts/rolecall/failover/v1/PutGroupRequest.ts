// Original file: protos/rolecall/failover/v1/failover.proto

import type { GroupConfiguration as _rolecall_failover_v1_GroupConfiguration, GroupConfiguration__Output as _rolecall_failover_v1_GroupConfiguration__Output } from '../../../rolecall/failover/v1/GroupConfiguration';

/**
 * PutGroupRequest carries a group to create or update.
 */
export interface PutGroupRequest {
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
   * The group's configuration.
   */
  'group'?: (_rolecall_failover_v1_GroupConfiguration | null);
}

/**
 * PutGroupRequest carries a group to create or update.
 */
export interface PutGroupRequest__Output {
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
   * The group's configuration.
   */
  'group': (_rolecall_failover_v1_GroupConfiguration__Output | null);
}

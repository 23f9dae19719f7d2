// Original file: protos/rolecall/failover/v1/failover.proto

import type { GroupHeartbeat as _rolecall_failover_v1_GroupHeartbeat, GroupHeartbeat__Output as _rolecall_failover_v1_GroupHeartbeat__Output } from '../../../rolecall/failover/v1/GroupHeartbeat';

/**
 * SendGroupHeartbeatRequest carries a v1 heartbeat.
 */
export interface SendGroupHeartbeatRequest {
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
  /**
   * The heartbeat.
   */
  'heartbeat'?: (_rolecall_failover_v1_GroupHeartbeat | null);
}

/**
 * SendGroupHeartbeatRequest carries a v1 heartbeat.
 */
export interface SendGroupHeartbeatRequest__Output {
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
  /**
   * The heartbeat.
   */
  'heartbeat': (_rolecall_failover_v1_GroupHeartbeat__Output | null);
}

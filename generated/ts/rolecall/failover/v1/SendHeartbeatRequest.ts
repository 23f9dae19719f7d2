// Original file: protos/rolecall/failover/v1/failover.proto

import type { FailoverHeartbeat as _rolecall_failover_v1_FailoverHeartbeat, FailoverHeartbeat__Output as _rolecall_failover_v1_FailoverHeartbeat__Output } from '../../../rolecall/failover/v1/FailoverHeartbeat';

/**
 * SendHeartbeatRequest carries a v1-preview heartbeat.
 */
export interface SendHeartbeatRequest {
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
  'heartbeat'?: (_rolecall_failover_v1_FailoverHeartbeat | null);
}

/**
 * SendHeartbeatRequest carries a v1-preview heartbeat.
 */
export interface SendHeartbeatRequest__Output {
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
  'heartbeat': (_rolecall_failover_v1_FailoverHeartbeat__Output | null);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { SessionSummary as _rolecall_failover_v1_SessionSummary, SessionSummary__Output as _rolecall_failover_v1_SessionSummary__Output } from '../../../rolecall/failover/v1/SessionSummary';

/**
 * AddGroupClientSessionRequest carries a client session for a group.
 */
export interface AddGroupClientSessionRequest {
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
   * The client session; its Id is required.
   */
  'session'?: (_rolecall_failover_v1_SessionSummary | null);
}

/**
 * AddGroupClientSessionRequest carries a client session for a group.
 */
export interface AddGroupClientSessionRequest__Output {
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
   * The client session; its Id is required.
   */
  'session': (_rolecall_failover_v1_SessionSummary__Output | null);
}

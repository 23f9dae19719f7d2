// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientSession as _rolecall_failover_v1_ClientSession, ClientSession__Output as _rolecall_failover_v1_ClientSession__Output } from '../../../rolecall/failover/v1/ClientSession';

/**
 * PutClientSessionRequest carries a client session to create or update.
 */
export interface PutClientSessionRequest {
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
   * The client session; its Id may be omitted, and must match the path if given.
   */
  'client_session'?: (_rolecall_failover_v1_ClientSession | null);
}

/**
 * PutClientSessionRequest carries a client session to create or update.
 */
export interface PutClientSessionRequest__Output {
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
   * The client session; its Id may be omitted, and must match the path if given.
   */
  'client_session': (_rolecall_failover_v1_ClientSession__Output | null);
}

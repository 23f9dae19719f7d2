// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientSession as _rolecall_failover_v1_ClientSession, ClientSession__Output as _rolecall_failover_v1_ClientSession__Output } from '../../../rolecall/failover/v1/ClientSession';

/**
 * CreateClientSessionRequest carries a new client session.
 */
export interface CreateClientSessionRequest {
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
  'client_session'?: (_rolecall_failover_v1_ClientSession | null);
}

/**
 * CreateClientSessionRequest carries a new client session.
 */
export interface CreateClientSessionRequest__Output {
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
  'client_session': (_rolecall_failover_v1_ClientSession__Output | null);
}

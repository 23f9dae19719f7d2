// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientSession as _rolecall_failover_v1_ClientSession, ClientSession__Output as _rolecall_failover_v1_ClientSession__Output } from '../../../rolecall/failover/v1/ClientSession';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `client_session`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `client_session`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

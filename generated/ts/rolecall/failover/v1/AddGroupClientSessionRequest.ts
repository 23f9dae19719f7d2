// Original file: protos/rolecall/failover/v1/failover.proto

import type { SessionSummary as _rolecall_failover_v1_SessionSummary, SessionSummary__Output as _rolecall_failover_v1_SessionSummary__Output } from '../../../rolecall/failover/v1/SessionSummary';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `session`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

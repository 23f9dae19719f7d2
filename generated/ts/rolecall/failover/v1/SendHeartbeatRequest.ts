// Original file: protos/rolecall/failover/v1/failover.proto

import type { FailoverHeartbeat as _rolecall_failover_v1_FailoverHeartbeat, FailoverHeartbeat__Output as _rolecall_failover_v1_FailoverHeartbeat__Output } from '../../../rolecall/failover/v1/FailoverHeartbeat';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `heartbeat`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `heartbeat`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

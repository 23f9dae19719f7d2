// Original file: protos/rolecall/failover/v1/failover.proto

import type { GroupHeartbeat as _rolecall_failover_v1_GroupHeartbeat, GroupHeartbeat__Output as _rolecall_failover_v1_GroupHeartbeat__Output } from '../../../rolecall/failover/v1/GroupHeartbeat';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `heartbeat`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `heartbeat`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { GroupConfiguration as _rolecall_failover_v1_GroupConfiguration, GroupConfiguration__Output as _rolecall_failover_v1_GroupConfiguration__Output } from '../../../rolecall/failover/v1/GroupConfiguration';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `group`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `group`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

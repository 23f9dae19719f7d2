// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientSessionKey as _rolecall_failover_v1_ClientSessionKey, ClientSessionKey__Output as _rolecall_failover_v1_ClientSessionKey__Output } from '../../../rolecall/failover/v1/ClientSessionKey';
import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration';
import type { Long } from '@grpc/proto-loader';

/**
 * SessionRole is one client session's role as the server sees it.
 */
export interface SessionRole {
  /**
   * The client session.
   */
  'key'?: (_rolecall_failover_v1_ClientSessionKey | null);
  /**
   * The session's role.
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The group's fencing token: every push of a role carries it.
   */
  'epoch'?: (number | string | Long);
  /**
   * The Primary's last data processed time: where a new Primary resumes.
   */
  'last_data_processed_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The group's failover timeout; agents heartbeat at a third of it.
   */
  'failover_timeout'?: (_google_protobuf_Duration | null);
  /**
   * Why the heartbeat was refused (for example "GROUP_NOT_FOUND"); empty when it was taken.
   */
  'error_reason'?: (string);
  /**
   * A sentence about the refusal; empty when the heartbeat was taken.
   */
  'error_message'?: (string);
  /**
   * With error_reason "NOT_OWNER" (several replicas): the gRPC address ("host:port") of the
   * replica that serves the group now, where the session should heartbeat; empty while its shard
   * is moving (register again shortly).
   */
  'owner'?: (string);
}

/**
 * SessionRole is one client session's role as the server sees it.
 */
export interface SessionRole__Output {
  /**
   * The client session.
   */
  'key': (_rolecall_failover_v1_ClientSessionKey__Output | null);
  /**
   * The session's role.
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The group's fencing token: every push of a role carries it.
   */
  'epoch': (string);
  /**
   * The Primary's last data processed time: where a new Primary resumes.
   */
  'last_data_processed_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The group's failover timeout; agents heartbeat at a third of it.
   */
  'failover_timeout': (_google_protobuf_Duration__Output | null);
  /**
   * Why the heartbeat was refused (for example "GROUP_NOT_FOUND"); empty when it was taken.
   */
  'error_reason': (string);
  /**
   * A sentence about the refusal; empty when the heartbeat was taken.
   */
  'error_message': (string);
  /**
   * With error_reason "NOT_OWNER" (several replicas): the gRPC address ("host:port") of the
   * replica that serves the group now, where the session should heartbeat; empty while its shard
   * is moving (register again shortly).
   */
  'owner': (string);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientSessionKey as _rolecall_failover_v1_ClientSessionKey, ClientSessionKey__Output as _rolecall_failover_v1_ClientSessionKey__Output } from '../../../rolecall/failover/v1/ClientSessionKey';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * SessionHeartbeat is one client session's heartbeat inside a stream message.
 */
export interface SessionHeartbeat {
  /**
   * The client session.
   */
  'key'?: (_rolecall_failover_v1_ClientSessionKey | null);
  /**
   * The client's health score; higher is healthier.
   */
  'failover_status'?: (number | string);
  /**
   * When the client sent the heartbeat, by its own clock.
   */
  'heartbeat_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The time of the last data the client processed.
   */
  'last_data_processed_time'?: (_google_protobuf_Timestamp | null);
}

/**
 * SessionHeartbeat is one client session's heartbeat inside a stream message.
 */
export interface SessionHeartbeat__Output {
  /**
   * The client session.
   */
  'key': (_rolecall_failover_v1_ClientSessionKey__Output | null);
  /**
   * The client's health score; higher is healthier.
   */
  'failover_status': (number);
  /**
   * When the client sent the heartbeat, by its own clock.
   */
  'heartbeat_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The time of the last data the client processed.
   */
  'last_data_processed_time': (_google_protobuf_Timestamp__Output | null);
}

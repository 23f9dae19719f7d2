// Original file: protos/rolecall/status/v1/status.proto

import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * ClientStatus is one client session of a group as the status page shows it.
 */
export interface ClientStatus {
  /**
   * The client session's identifier.
   */
  'session_id'?: (string);
  /**
   * The client session's display name.
   */
  'name'?: (string);
  /**
   * The client's role, as the documented integer (Secondary 0, Primary 1, PendingPrimary 2).
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The client's health score: its last FailoverStatus or PercentHealthyStreams.
   */
  'score'?: (number | string);
  /**
   * Seconds since the server received the client's last heartbeat; absent before the first.
   */
  'heartbeat_age_seconds'?: (number | string);
  /**
   * Whether the client's last heartbeat is younger than the group's failover timeout.
   */
  'live'?: (boolean);
  /**
   * The time of the last data the client processed, as it reported it.
   */
  'last_data_time'?: (_google_protobuf_Timestamp | null);
  '_heartbeat_age_seconds'?: "heartbeat_age_seconds";
}

/**
 * ClientStatus is one client session of a group as the status page shows it.
 */
export interface ClientStatus__Output {
  /**
   * The client session's identifier.
   */
  'session_id': (string);
  /**
   * The client session's display name.
   */
  'name': (string);
  /**
   * The client's role, as the documented integer (Secondary 0, Primary 1, PendingPrimary 2).
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The client's health score: its last FailoverStatus or PercentHealthyStreams.
   */
  'score': (number);
  /**
   * Seconds since the server received the client's last heartbeat; absent before the first.
   */
  'heartbeat_age_seconds'?: (number);
  /**
   * Whether the client's last heartbeat is younger than the group's failover timeout.
   */
  'live': (boolean);
  /**
   * The time of the last data the client processed, as it reported it.
   */
  'last_data_time': (_google_protobuf_Timestamp__Output | null);
  '_heartbeat_age_seconds'?: "heartbeat_age_seconds";
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * FailoverHeartbeat is a v1-preview heartbeat.
 */
export interface FailoverHeartbeat {
  /**
   * The client's health score; higher is healthier.
   */
  'failover_status'?: (number | string);
  /**
   * The time of the last data the client processed.
   */
  'last_data_processed_time'?: (_google_protobuf_Timestamp | null);
  /**
   * When the client sent the heartbeat, by its own clock.
   */
  'heartbeat_time'?: (_google_protobuf_Timestamp | null);
}

/**
 * FailoverHeartbeat is a v1-preview heartbeat.
 */
export interface FailoverHeartbeat__Output {
  /**
   * The client's health score; higher is healthier.
   */
  'failover_status': (number);
  /**
   * The time of the last data the client processed.
   */
  'last_data_processed_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the client sent the heartbeat, by its own clock.
   */
  'heartbeat_time': (_google_protobuf_Timestamp__Output | null);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * GroupHeartbeat is the last v1 heartbeat of a client.
 */
export interface GroupHeartbeat {
  /**
   * The client's health score: the share of its streams that are healthy.
   */
  'percent_healthy_streams'?: (number | string);
  /**
   * When the client sent its last heartbeat, by its own clock.
   */
  'heartbeat_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The time of the last data the client sent on.
   */
  'last_data_send_time'?: (_google_protobuf_Timestamp | null);
}

/**
 * GroupHeartbeat is the last v1 heartbeat of a client.
 */
export interface GroupHeartbeat__Output {
  /**
   * The client's health score: the share of its streams that are healthy.
   */
  'percent_healthy_streams': (number);
  /**
   * When the client sent its last heartbeat, by its own clock.
   */
  'heartbeat_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The time of the last data the client sent on.
   */
  'last_data_send_time': (_google_protobuf_Timestamp__Output | null);
}

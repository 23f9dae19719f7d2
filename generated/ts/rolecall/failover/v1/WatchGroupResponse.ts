// Original file: protos/rolecall/failover/v1/failover.proto

import type { Group as _rolecall_failover_v1_Group, Group__Output as _rolecall_failover_v1_Group__Output } from '../../../rolecall/failover/v1/Group';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * WatchGroupResponse is the state of a group after a change.
 */
export interface WatchGroupResponse {
  /**
   * The group as it is now.
   */
  'group'?: (_rolecall_failover_v1_Group | null);
  /**
   * The Primary's session identifier; empty when the group has no Primary now.
   */
  'primary_session_id'?: (string);
  /**
   * The PendingPrimary's session identifier; empty when there is none.
   */
  'pending_primary_session_id'?: (string);
  /**
   * What changed, for example "primary_lost", "pending_primary", "primary", "initial".
   */
  'event'?: (string);
  /**
   * When the change happened, by the server's clock.
   */
  'event_time'?: (_google_protobuf_Timestamp | null);
}

/**
 * WatchGroupResponse is the state of a group after a change.
 */
export interface WatchGroupResponse__Output {
  /**
   * The group as it is now.
   */
  'group': (_rolecall_failover_v1_Group__Output | null);
  /**
   * The Primary's session identifier; empty when the group has no Primary now.
   */
  'primary_session_id': (string);
  /**
   * The PendingPrimary's session identifier; empty when there is none.
   */
  'pending_primary_session_id': (string);
  /**
   * What changed, for example "primary_lost", "pending_primary", "primary", "initial".
   */
  'event': (string);
  /**
   * When the change happened, by the server's clock.
   */
  'event_time': (_google_protobuf_Timestamp__Output | null);
}

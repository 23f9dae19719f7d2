// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * GroupHeartbeatResponse is the v1 answer to a heartbeat.
 */
export interface GroupHeartbeatResponse {
  /**
   * The client's role now.
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The Primary's last data send time: where a new Primary resumes.
   */
  'last_data_send_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The group's fencing token.
   */
  'epoch'?: (number | string | Long);
}

/**
 * GroupHeartbeatResponse is the v1 answer to a heartbeat.
 */
export interface GroupHeartbeatResponse__Output {
  /**
   * The client's role now.
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The Primary's last data send time: where a new Primary resumes.
   */
  'last_data_send_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The group's fencing token.
   */
  'epoch': (string);
}

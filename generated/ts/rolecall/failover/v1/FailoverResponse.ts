// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * FailoverResponse is the v1-preview answer to a heartbeat.
 */
export interface FailoverResponse {
  /**
   * The client's role now.
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The Primary's last data processed time: where a new Primary resumes.
   */
  'last_data_processed_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The group's fencing token.
   */
  'epoch'?: (number | string | Long);
}

/**
 * FailoverResponse is the v1-preview answer to a heartbeat.
 */
export interface FailoverResponse__Output {
  /**
   * The client's role now.
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The Primary's last data processed time: where a new Primary resumes.
   */
  'last_data_processed_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The group's fencing token.
   */
  'epoch': (string);
}

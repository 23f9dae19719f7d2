// Original file: protos/rolecall/status/v1/status.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { NamespaceStatus as _rolecall_status_v1_NamespaceStatus, NamespaceStatus__Output as _rolecall_status_v1_NamespaceStatus__Output } from '../../../rolecall/status/v1/NamespaceStatus';
import type { StreamCount as _rolecall_status_v1_StreamCount, StreamCount__Output as _rolecall_status_v1_StreamCount__Output } from '../../../rolecall/status/v1/StreamCount';
import type { TtlSessionStatus as _rolecall_status_v1_TtlSessionStatus, TtlSessionStatus__Output as _rolecall_status_v1_TtlSessionStatus__Output } from '../../../rolecall/status/v1/TtlSessionStatus';

/**
 * GetStatusResponse is a snapshot of the server's state.
 */
export interface GetStatusResponse {
  /**
   * When the snapshot was taken, by the server's clock.
   */
  'snapshot_time'?: (_google_protobuf_Timestamp | null);
  /**
   * Every namespace that has groups, ordered by tenant and namespace.
   */
  'namespaces'?: (_rolecall_status_v1_NamespaceStatus)[];
  /**
   * The open streams by method; methods without open streams are left out.
   */
  'streams'?: (_rolecall_status_v1_StreamCount)[];
  /**
   * How many client sessions the open HeartbeatStreams serve.
   */
  'streamed_client_sessions'?: (number);
  /**
   * How many TTL sessions are alive (of the tenant, when one is asked for).
   */
  'ttl_session_count'?: (number);
  /**
   * The TTL sessions that expire first, at most 100 of them.
   */
  'ttl_sessions'?: (_rolecall_status_v1_TtlSessionStatus)[];
}

/**
 * GetStatusResponse is a snapshot of the server's state.
 */
export interface GetStatusResponse__Output {
  /**
   * When the snapshot was taken, by the server's clock.
   */
  'snapshot_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * Every namespace that has groups, ordered by tenant and namespace.
   */
  'namespaces': (_rolecall_status_v1_NamespaceStatus__Output)[];
  /**
   * The open streams by method; methods without open streams are left out.
   */
  'streams': (_rolecall_status_v1_StreamCount__Output)[];
  /**
   * How many client sessions the open HeartbeatStreams serve.
   */
  'streamed_client_sessions': (number);
  /**
   * How many TTL sessions are alive (of the tenant, when one is asked for).
   */
  'ttl_session_count': (number);
  /**
   * The TTL sessions that expire first, at most 100 of them.
   */
  'ttl_sessions': (_rolecall_status_v1_TtlSessionStatus__Output)[];
}

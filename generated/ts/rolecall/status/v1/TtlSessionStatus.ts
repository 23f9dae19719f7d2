// Original file: protos/rolecall/status/v1/status.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * TtlSessionStatus is one TTL session, without its data or bearer.
 */
export interface TtlSessionStatus {
  /**
   * The session's tenant.
   */
  'tenant_id'?: (string);
  /**
   * The session's identifier.
   */
  'session_id'?: (string);
  /**
   * When the session expires unless it is used again.
   */
  'expire_time'?: (_google_protobuf_Timestamp | null);
  /**
   * The session's idle timeout in seconds.
   */
  'timeout_seconds'?: (number);
}

/**
 * TtlSessionStatus is one TTL session, without its data or bearer.
 */
export interface TtlSessionStatus__Output {
  /**
   * The session's tenant.
   */
  'tenant_id': (string);
  /**
   * The session's identifier.
   */
  'session_id': (string);
  /**
   * When the session expires unless it is used again.
   */
  'expire_time': (_google_protobuf_Timestamp__Output | null);
  /**
   * The session's idle timeout in seconds.
   */
  'timeout_seconds': (number);
}

// Original file: protos/rolecall/live/v1/live.proto

import type { GroupRef as _rolecall_live_v1_GroupRef, GroupRef__Output as _rolecall_live_v1_GroupRef__Output } from '../../../rolecall/live/v1/GroupRef';
import type { ClientSessionRef as _rolecall_live_v1_ClientSessionRef, ClientSessionRef__Output as _rolecall_live_v1_ClientSessionRef__Output } from '../../../rolecall/live/v1/ClientSessionRef';

/**
 * SessionAttributes describes a live connection, with MaxScale's attribute names.
 */
export interface SessionAttributes {
  /**
   * The session's state, for example "Session started" or "Closing".
   */
  'state'?: (string);
  /**
   * When the stream opened, in the C asctime format MaxScale uses ("Wed May 17 10:06:35 2017"),
   * in UTC.
   */
  'connected'?: (string);
  /**
   * The authenticated user of the stream, empty when the stream carried none.
   */
  'user'?: (string);
  /**
   * The peer address of the stream, as gRPC reports it (for example "ipv4:127.0.0.1:50312").
   */
  'remote'?: (string);
  /**
   * Seconds since the last message on the stream, to one decimal.
   */
  'idle'?: (number | string);
  /**
   * Seconds since the stream opened, to one decimal.
   */
  'seconds_alive'?: (number | string);
  /**
   * The failover groups the stream serves.
   */
  'groups'?: (_rolecall_live_v1_GroupRef)[];
  /**
   * The client sessions the stream serves; empty for a WatchGroup stream.
   */
  'client_sessions'?: (_rolecall_live_v1_ClientSessionRef)[];
}

/**
 * SessionAttributes describes a live connection, with MaxScale's attribute names.
 */
export interface SessionAttributes__Output {
  /**
   * The session's state, for example "Session started" or "Closing".
   */
  'state': (string);
  /**
   * When the stream opened, in the C asctime format MaxScale uses ("Wed May 17 10:06:35 2017"),
   * in UTC.
   */
  'connected': (string);
  /**
   * The authenticated user of the stream, empty when the stream carried none.
   */
  'user': (string);
  /**
   * The peer address of the stream, as gRPC reports it (for example "ipv4:127.0.0.1:50312").
   */
  'remote': (string);
  /**
   * Seconds since the last message on the stream, to one decimal.
   */
  'idle': (number);
  /**
   * Seconds since the stream opened, to one decimal.
   */
  'seconds_alive': (number);
  /**
   * The failover groups the stream serves.
   */
  'groups': (_rolecall_live_v1_GroupRef__Output)[];
  /**
   * The client sessions the stream serves; empty for a WatchGroup stream.
   */
  'client_sessions': (_rolecall_live_v1_ClientSessionRef__Output)[];
}

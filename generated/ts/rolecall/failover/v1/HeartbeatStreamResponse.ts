// Original file: protos/rolecall/failover/v1/failover.proto

import type { SessionRole as _rolecall_failover_v1_SessionRole, SessionRole__Output as _rolecall_failover_v1_SessionRole__Output } from '../../../rolecall/failover/v1/SessionRole';
import type { Long } from '@grpc/proto-loader';

/**
 * HeartbeatStreamResponse is one message from the server.
 */
export interface HeartbeatStreamResponse {
  /**
   * The sessions' roles: in an answer, one per heartbeat of the message; in a push, the sessions
   * whose role just changed.
   */
  'roles'?: (_rolecall_failover_v1_SessionRole)[];
  /**
   * The sequence of the message this answers; 0 for a push.
   */
  'sequence'?: (number | string | Long);
  /**
   * True when the server sent this unprompted because a role changed.
   */
  'push'?: (boolean);
}

/**
 * HeartbeatStreamResponse is one message from the server.
 */
export interface HeartbeatStreamResponse__Output {
  /**
   * The sessions' roles: in an answer, one per heartbeat of the message; in a push, the sessions
   * whose role just changed.
   */
  'roles': (_rolecall_failover_v1_SessionRole__Output)[];
  /**
   * The sequence of the message this answers; 0 for a push.
   */
  'sequence': (string);
  /**
   * True when the server sent this unprompted because a role changed.
   */
  'push': (boolean);
}

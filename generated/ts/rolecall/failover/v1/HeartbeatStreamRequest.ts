// Original file: protos/rolecall/failover/v1/failover.proto

import type { SessionHeartbeat as _rolecall_failover_v1_SessionHeartbeat, SessionHeartbeat__Output as _rolecall_failover_v1_SessionHeartbeat__Output } from '../../../rolecall/failover/v1/SessionHeartbeat';
import type { ClientSessionKey as _rolecall_failover_v1_ClientSessionKey, ClientSessionKey__Output as _rolecall_failover_v1_ClientSessionKey__Output } from '../../../rolecall/failover/v1/ClientSessionKey';
import type { Long } from '@grpc/proto-loader';

/**
 * HeartbeatStreamRequest is one message from an agent.
 */
export interface HeartbeatStreamRequest {
  /**
   * Heartbeats, one per client session; the answer carries each session's role.
   */
  'heartbeats'?: (_rolecall_failover_v1_SessionHeartbeat)[];
  /**
   * Client sessions that are leaving: their groups fail over at once instead of waiting.
   */
  'goodbyes'?: (_rolecall_failover_v1_ClientSessionKey)[];
  /**
   * Echoed in the answer so the agent can match answers to messages.
   */
  'sequence'?: (number | string | Long);
}

/**
 * HeartbeatStreamRequest is one message from an agent.
 */
export interface HeartbeatStreamRequest__Output {
  /**
   * Heartbeats, one per client session; the answer carries each session's role.
   */
  'heartbeats': (_rolecall_failover_v1_SessionHeartbeat__Output)[];
  /**
   * Client sessions that are leaving: their groups fail over at once instead of waiting.
   */
  'goodbyes': (_rolecall_failover_v1_ClientSessionKey__Output)[];
  /**
   * Echoed in the answer so the agent can match answers to messages.
   */
  'sequence': (string);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { FailoverHeartbeat as _rolecall_failover_v1_FailoverHeartbeat, FailoverHeartbeat__Output as _rolecall_failover_v1_FailoverHeartbeat__Output } from '../../../rolecall/failover/v1/FailoverHeartbeat';

/**
 * ClientSession is a client session as the v1-preview API shows it.
 */
export interface ClientSession {
  /**
   * The client session's identifier.
   */
  'id'?: (string);
  /**
   * A display name.
   */
  'name'?: (string);
  /**
   * The client's role; read-only, ignored on input.
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The client's last heartbeat; absent before its first.
   */
  'heartbeat'?: (_rolecall_failover_v1_FailoverHeartbeat | null);
}

/**
 * ClientSession is a client session as the v1-preview API shows it.
 */
export interface ClientSession__Output {
  /**
   * The client session's identifier.
   */
  'id': (string);
  /**
   * A display name.
   */
  'name': (string);
  /**
   * The client's role; read-only, ignored on input.
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The client's last heartbeat; absent before its first.
   */
  'heartbeat': (_rolecall_failover_v1_FailoverHeartbeat__Output | null);
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { ClientRole as _rolecall_failover_v1_ClientRole, ClientRole__Output as _rolecall_failover_v1_ClientRole__Output } from '../../../rolecall/failover/v1/ClientRole';
import type { GroupHeartbeat as _rolecall_failover_v1_GroupHeartbeat, GroupHeartbeat__Output as _rolecall_failover_v1_GroupHeartbeat__Output } from '../../../rolecall/failover/v1/GroupHeartbeat';

/**
 * ClientStatus is a client's role and last heartbeat, as the v1 group API shows it.
 */
export interface ClientStatus {
  /**
   * The client session's identifier.
   */
  'session_id'?: (string);
  /**
   * The client's role.
   */
  'role'?: (_rolecall_failover_v1_ClientRole);
  /**
   * The client's last heartbeat; absent before its first.
   */
  'heartbeat'?: (_rolecall_failover_v1_GroupHeartbeat | null);
}

/**
 * ClientStatus is a client's role and last heartbeat, as the v1 group API shows it.
 */
export interface ClientStatus__Output {
  /**
   * The client session's identifier.
   */
  'session_id': (string);
  /**
   * The client's role.
   */
  'role': (_rolecall_failover_v1_ClientRole__Output);
  /**
   * The client's last heartbeat; absent before its first.
   */
  'heartbeat': (_rolecall_failover_v1_GroupHeartbeat__Output | null);
}

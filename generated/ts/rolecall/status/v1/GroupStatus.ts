// Original file: protos/rolecall/status/v1/status.proto

import type { ClientStatus as _rolecall_status_v1_ClientStatus, ClientStatus__Output as _rolecall_status_v1_ClientStatus__Output } from '../../../rolecall/status/v1/ClientStatus';

/**
 * GroupStatus is one failover group as the status page shows it.
 */
export interface GroupStatus {
  /**
   * The group's identifier.
   */
  'group_id'?: (string);
  /**
   * The group's display name.
   */
  'name'?: (string);
  /**
   * The fencing token: it grows by one at every change of Primary. A double so that JSON prints
   * a number (a uint64 prints as a string); exact up to 2^53.
   */
  'epoch'?: (number | string);
  /**
   * The Primary's client session identifier; empty when the group has no Primary.
   */
  'primary_session_id'?: (string);
  /**
   * The PendingPrimary's client session identifier; empty when there is none.
   */
  'pending_primary_session_id'?: (string);
  /**
   * The failover timeout in seconds.
   */
  'failover_timeout_seconds'?: (number | string);
  /**
   * The group's client sessions in identifier order.
   */
  'clients'?: (_rolecall_status_v1_ClientStatus)[];
}

/**
 * GroupStatus is one failover group as the status page shows it.
 */
export interface GroupStatus__Output {
  /**
   * The group's identifier.
   */
  'group_id': (string);
  /**
   * The group's display name.
   */
  'name': (string);
  /**
   * The fencing token: it grows by one at every change of Primary. A double so that JSON prints
   * a number (a uint64 prints as a string); exact up to 2^53.
   */
  'epoch': (number);
  /**
   * The Primary's client session identifier; empty when the group has no Primary.
   */
  'primary_session_id': (string);
  /**
   * The PendingPrimary's client session identifier; empty when there is none.
   */
  'pending_primary_session_id': (string);
  /**
   * The failover timeout in seconds.
   */
  'failover_timeout_seconds': (number);
  /**
   * The group's client sessions in identifier order.
   */
  'clients': (_rolecall_status_v1_ClientStatus__Output)[];
}

// Original file: protos/rolecall/failover/v1/failover.proto

import type { SessionSummary as _rolecall_failover_v1_SessionSummary, SessionSummary__Output as _rolecall_failover_v1_SessionSummary__Output } from '../../../rolecall/failover/v1/SessionSummary';
import type { ClientStatus as _rolecall_failover_v1_ClientStatus, ClientStatus__Output as _rolecall_failover_v1_ClientStatus__Output } from '../../../rolecall/failover/v1/ClientStatus';
import type { Long } from '@grpc/proto-loader';

/**
 * Group is a failover group with its sessions and the state of its clients.
 */
export interface Group {
  /**
   * The group's identifier.
   */
  'id'?: (string);
  /**
   * A display name.
   */
  'name'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * The failover timeout as a .NET time-span.
   */
  'failover_timeout'?: (string);
  /**
   * The failover timeout in milliseconds.
   */
  'milliseconds'?: (number | string);
  /**
   * The group's client sessions, keyed by identifier.
   */
  'sessions'?: ({[key: string]: _rolecall_failover_v1_SessionSummary});
  /**
   * The state of the group's clients, keyed by client session identifier.
   */
  'clients'?: ({[key: string]: _rolecall_failover_v1_ClientStatus});
  /**
   * The fencing token: it grows by one at every change of Primary.
   */
  'epoch'?: (number | string | Long);
}

/**
 * Group is a failover group with its sessions and the state of its clients.
 */
export interface Group__Output {
  /**
   * The group's identifier.
   */
  'id': (string);
  /**
   * A display name.
   */
  'name': (string);
  /**
   * A free-form description.
   */
  'description': (string);
  /**
   * The failover timeout as a .NET time-span.
   */
  'failover_timeout': (string);
  /**
   * The failover timeout in milliseconds.
   */
  'milliseconds': (number);
  /**
   * The group's client sessions, keyed by identifier.
   */
  'sessions': ({[key: string]: _rolecall_failover_v1_SessionSummary__Output});
  /**
   * The state of the group's clients, keyed by client session identifier.
   */
  'clients': ({[key: string]: _rolecall_failover_v1_ClientStatus__Output});
  /**
   * The fencing token: it grows by one at every change of Primary.
   */
  'epoch': (string);
}

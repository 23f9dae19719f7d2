// Original file: protos/rolecall/live/v1/live.proto

import type { ServicesRelationship as _rolecall_live_v1_ServicesRelationship, ServicesRelationship__Output as _rolecall_live_v1_ServicesRelationship__Output } from '../../../rolecall/live/v1/ServicesRelationship';

/**
 * SessionRelationships holds a session's relationships.
 */
export interface SessionRelationships {
  /**
   * The rolecall service (gRPC method) the stream belongs to.
   */
  'services'?: (_rolecall_live_v1_ServicesRelationship | null);
}

/**
 * SessionRelationships holds a session's relationships.
 */
export interface SessionRelationships__Output {
  /**
   * The rolecall service (gRPC method) the stream belongs to.
   */
  'services': (_rolecall_live_v1_ServicesRelationship__Output | null);
}

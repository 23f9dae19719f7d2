// Original file: protos/rolecall/live/v1/live.proto

import type { SessionRelationships as _rolecall_live_v1_SessionRelationships, SessionRelationships__Output as _rolecall_live_v1_SessionRelationships__Output } from '../../../rolecall/live/v1/SessionRelationships';
import type { SessionAttributes as _rolecall_live_v1_SessionAttributes, SessionAttributes__Output as _rolecall_live_v1_SessionAttributes__Output } from '../../../rolecall/live/v1/SessionAttributes';
import type { Links as _rolecall_live_v1_Links, Links__Output as _rolecall_live_v1_Links__Output } from '../../../rolecall/live/v1/Links';

/**
 * Session is one live connection as a JSON:API resource object.
 */
export interface Session {
  /**
   * The session identifier: a small decimal number, as MaxScale's.
   */
  'id'?: (string);
  /**
   * Always "sessions".
   */
  'type'?: (string);
  /**
   * The service the session belongs to.
   */
  'relationships'?: (_rolecall_live_v1_SessionRelationships | null);
  /**
   * What the session is doing.
   */
  'attributes'?: (_rolecall_live_v1_SessionAttributes | null);
  /**
   * The session's own URL.
   */
  'links'?: (_rolecall_live_v1_Links | null);
}

/**
 * Session is one live connection as a JSON:API resource object.
 */
export interface Session__Output {
  /**
   * The session identifier: a small decimal number, as MaxScale's.
   */
  'id': (string);
  /**
   * Always "sessions".
   */
  'type': (string);
  /**
   * The service the session belongs to.
   */
  'relationships': (_rolecall_live_v1_SessionRelationships__Output | null);
  /**
   * What the session is doing.
   */
  'attributes': (_rolecall_live_v1_SessionAttributes__Output | null);
  /**
   * The session's own URL.
   */
  'links': (_rolecall_live_v1_Links__Output | null);
}

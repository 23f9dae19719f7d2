// Original file: protos/rolecall/live/v1/live.proto

import type { Links as _rolecall_live_v1_Links, Links__Output as _rolecall_live_v1_Links__Output } from '../../../rolecall/live/v1/Links';
import type { Session as _rolecall_live_v1_Session, Session__Output as _rolecall_live_v1_Session__Output } from '../../../rolecall/live/v1/Session';

/**
 * GetSessionResponse is a JSON:API single-resource document.
 */
export interface GetSessionResponse {
  /**
   * The URL of the session.
   */
  'links'?: (_rolecall_live_v1_Links | null);
  /**
   * The session.
   */
  'data'?: (_rolecall_live_v1_Session | null);
}

/**
 * GetSessionResponse is a JSON:API single-resource document.
 */
export interface GetSessionResponse__Output {
  /**
   * The URL of the session.
   */
  'links': (_rolecall_live_v1_Links__Output | null);
  /**
   * The session.
   */
  'data': (_rolecall_live_v1_Session__Output | null);
}

// Original file: protos/rolecall/live/v1/live.proto

import type { Links as _rolecall_live_v1_Links, Links__Output as _rolecall_live_v1_Links__Output } from '../../../rolecall/live/v1/Links';
import type { Session as _rolecall_live_v1_Session, Session__Output as _rolecall_live_v1_Session__Output } from '../../../rolecall/live/v1/Session';

/**
 * ListSessionsResponse is a JSON:API collection document.
 */
export interface ListSessionsResponse {
  /**
   * The URL of this page and, when there is one, of the next page.
   */
  'links'?: (_rolecall_live_v1_Links | null);
  /**
   * The sessions of the page.
   */
  'data'?: (_rolecall_live_v1_Session)[];
}

/**
 * ListSessionsResponse is a JSON:API collection document.
 */
export interface ListSessionsResponse__Output {
  /**
   * The URL of this page and, when there is one, of the next page.
   */
  'links': (_rolecall_live_v1_Links__Output | null);
  /**
   * The sessions of the page.
   */
  'data': (_rolecall_live_v1_Session__Output)[];
}

// Original file: protos/rolecall/ttl/v1/ttl.proto

import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from '../../../google/protobuf/Value';

/**
 * GetSessionResponse is a session as its owner sees it.
 */
export interface GetSessionResponse {
  /**
   * The bearer the caller presented.
   */
  'bearer'?: (string);
  /**
   * The identifier of the session's user.
   */
  'user_id'?: (string);
  /**
   * The session's data: any JSON value, null when none was given.
   */
  'data'?: (_google_protobuf_Value | null);
}

/**
 * GetSessionResponse is a session as its owner sees it.
 */
export interface GetSessionResponse__Output {
  /**
   * The bearer the caller presented.
   */
  'bearer': (string);
  /**
   * The identifier of the session's user.
   */
  'user_id': (string);
  /**
   * The session's data: any JSON value, null when none was given.
   */
  'data': (_google_protobuf_Value__Output | null);
}

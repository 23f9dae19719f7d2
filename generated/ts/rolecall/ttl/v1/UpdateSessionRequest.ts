// Original file: protos/rolecall/ttl/v1/ttl.proto

import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from '../../../google/protobuf/Value';

/**
 * UpdateSessionRequest carries a session's new data.
 */
export interface UpdateSessionRequest {
  /**
   * The session identifier.
   */
  'id'?: (string);
  /**
   * The new data: the whole REST body, any JSON value.
   */
  'data'?: (_google_protobuf_Value | null);
}

/**
 * UpdateSessionRequest carries a session's new data.
 */
export interface UpdateSessionRequest__Output {
  /**
   * The session identifier.
   */
  'id': (string);
  /**
   * The new data: the whole REST body, any JSON value.
   */
  'data': (_google_protobuf_Value__Output | null);
}

// Original file: protos/rolecall/ttl/v1/ttl.proto

import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from '../../../google/protobuf/Value';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `data`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
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
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `data`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

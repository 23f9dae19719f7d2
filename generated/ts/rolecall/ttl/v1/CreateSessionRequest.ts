// Original file: protos/rolecall/ttl/v1/ttl.proto

import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from '../../../google/protobuf/Value';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * CreateSessionRequest carries the credentials and the first data of a session.
 */
export interface CreateSessionRequest {
  /**
   * The user's name within the tenant.
   */
  'username'?: (string);
  /**
   * The user's password; never stored, never logged.
   */
  'password'?: (string);
  /**
   * Any JSON value the session keeps for its owner.
   */
  'data'?: (_google_protobuf_Value | null);
  /**
   * Seconds of disuse after which the session expires; 0 takes the default (1800), and more than
   * the maximum (86400) is INVALID_ARGUMENT.
   */
  'timeout'?: (number);
  /**
   * When true the answer also carries the user's claims, roles and profiles.
   */
  'detail'?: (boolean);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into the request itself;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
}

/**
 * CreateSessionRequest carries the credentials and the first data of a session.
 */
export interface CreateSessionRequest__Output {
  /**
   * The user's name within the tenant.
   */
  'username': (string);
  /**
   * The user's password; never stored, never logged.
   */
  'password': (string);
  /**
   * Any JSON value the session keeps for its owner.
   */
  'data': (_google_protobuf_Value__Output | null);
  /**
   * Seconds of disuse after which the session expires; 0 takes the default (1800), and more than
   * the maximum (86400) is INVALID_ARGUMENT.
   */
  'timeout': (number);
  /**
   * When true the answer also carries the user's claims, roles and profiles.
   */
  'detail': (boolean);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into the request itself;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

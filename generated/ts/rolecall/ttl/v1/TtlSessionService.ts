// Original file: protos/rolecall/ttl/v1/ttl.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthenticatedSessionResponse as _rolecall_ttl_v1_AuthenticatedSessionResponse, AuthenticatedSessionResponse__Output as _rolecall_ttl_v1_AuthenticatedSessionResponse__Output } from '../../../rolecall/ttl/v1/AuthenticatedSessionResponse';
import type { CreateSessionRequest as _rolecall_ttl_v1_CreateSessionRequest, CreateSessionRequest__Output as _rolecall_ttl_v1_CreateSessionRequest__Output } from '../../../rolecall/ttl/v1/CreateSessionRequest';
import type { DeleteSessionRequest as _rolecall_ttl_v1_DeleteSessionRequest, DeleteSessionRequest__Output as _rolecall_ttl_v1_DeleteSessionRequest__Output } from '../../../rolecall/ttl/v1/DeleteSessionRequest';
import type { DeleteSessionResponse as _rolecall_ttl_v1_DeleteSessionResponse, DeleteSessionResponse__Output as _rolecall_ttl_v1_DeleteSessionResponse__Output } from '../../../rolecall/ttl/v1/DeleteSessionResponse';
import type { GetSessionRequest as _rolecall_ttl_v1_GetSessionRequest, GetSessionRequest__Output as _rolecall_ttl_v1_GetSessionRequest__Output } from '../../../rolecall/ttl/v1/GetSessionRequest';
import type { GetSessionResponse as _rolecall_ttl_v1_GetSessionResponse, GetSessionResponse__Output as _rolecall_ttl_v1_GetSessionResponse__Output } from '../../../rolecall/ttl/v1/GetSessionResponse';
import type { GetStaticSessionRequest as _rolecall_ttl_v1_GetStaticSessionRequest, GetStaticSessionRequest__Output as _rolecall_ttl_v1_GetStaticSessionRequest__Output } from '../../../rolecall/ttl/v1/GetStaticSessionRequest';
import type { UpdateSessionRequest as _rolecall_ttl_v1_UpdateSessionRequest, UpdateSessionRequest__Output as _rolecall_ttl_v1_UpdateSessionRequest__Output } from '../../../rolecall/ttl/v1/UpdateSessionRequest';
import type { UpdateSessionResponse as _rolecall_ttl_v1_UpdateSessionResponse, UpdateSessionResponse__Output as _rolecall_ttl_v1_UpdateSessionResponse__Output } from '../../../rolecall/ttl/v1/UpdateSessionResponse';

/**
 * TtlSessionService keeps g4-style persistent sessions that expire after `timeout` seconds without
 * use. Every call needs the tenant in the `x-g4-tenant` header; `x-g4-application` is optional.
 * All calls but CreateSession need `Authorization: Bearer <bearer>` of the session: a missing or
 * wrong bearer is UNAUTHENTICATED (401), a session of another tenant is NOT_FOUND (404), and an
 * expired session is NOT_FOUND (404). Headers reach the server as metadata, never as fields.
 */
export interface TtlSessionServiceClient extends grpc.Client {
  /**
   * Checks the credentials against the tenant's users and, when they are valid, creates a session.
   * Wrong credentials are not an error: the answer says validCredentials false and carries no
   * session and no bearer. REST answers 200.
   */
  CreateSession(argument: _rolecall_ttl_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_ttl_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_ttl_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _rolecall_ttl_v1_CreateSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Checks the credentials against the tenant's users and, when they are valid, creates a session.
   * Wrong credentials are not an error: the answer says validCredentials false and carries no
   * session and no bearer. REST answers 200.
   */
  createSession(argument: _rolecall_ttl_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_ttl_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_ttl_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  createSession(argument: _rolecall_ttl_v1_CreateSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_AuthenticatedSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Ends a session. REST answers 204 with an empty body.
   */
  DeleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Ends a session. REST answers 204 with an empty body.
   */
  deleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_ttl_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a session and slides its expiry to `timeout` seconds from now.
   */
  GetSession(argument: _rolecall_ttl_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_ttl_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_ttl_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_ttl_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a session and slides its expiry to `timeout` seconds from now.
   */
  getSession(argument: _rolecall_ttl_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_ttl_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_ttl_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_ttl_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a session without touching its expiry (internal use).
   */
  GetStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a session without touching its expiry (internal use).
   */
  getStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getStaticSession(argument: _rolecall_ttl_v1_GetStaticSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces a session's data with the JSON value of the body, and slides its expiry. REST
   * answers 204 with an empty body.
   */
  UpdateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  UpdateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces a session's data with the JSON value of the body, and slides its expiry. REST
   * answers 204 with an empty body.
   */
  updateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  updateSession(argument: _rolecall_ttl_v1_UpdateSessionRequest, callback: grpc.requestCallback<_rolecall_ttl_v1_UpdateSessionResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * TtlSessionService keeps g4-style persistent sessions that expire after `timeout` seconds without
 * use. Every call needs the tenant in the `x-g4-tenant` header; `x-g4-application` is optional.
 * All calls but CreateSession need `Authorization: Bearer <bearer>` of the session: a missing or
 * wrong bearer is UNAUTHENTICATED (401), a session of another tenant is NOT_FOUND (404), and an
 * expired session is NOT_FOUND (404). Headers reach the server as metadata, never as fields.
 */
export interface TtlSessionServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Checks the credentials against the tenant's users and, when they are valid, creates a session.
   * Wrong credentials are not an error: the answer says validCredentials false and carries no
   * session and no bearer. REST answers 200.
   */
  CreateSession: grpc.handleUnaryCall<_rolecall_ttl_v1_CreateSessionRequest__Output, _rolecall_ttl_v1_AuthenticatedSessionResponse>;
  
  /**
   * Ends a session. REST answers 204 with an empty body.
   */
  DeleteSession: grpc.handleUnaryCall<_rolecall_ttl_v1_DeleteSessionRequest__Output, _rolecall_ttl_v1_DeleteSessionResponse>;
  
  /**
   * Gets a session and slides its expiry to `timeout` seconds from now.
   */
  GetSession: grpc.handleUnaryCall<_rolecall_ttl_v1_GetSessionRequest__Output, _rolecall_ttl_v1_GetSessionResponse>;
  
  /**
   * Gets a session without touching its expiry (internal use).
   */
  GetStaticSession: grpc.handleUnaryCall<_rolecall_ttl_v1_GetStaticSessionRequest__Output, _rolecall_ttl_v1_GetSessionResponse>;
  
  /**
   * Replaces a session's data with the JSON value of the body, and slides its expiry. REST
   * answers 204 with an empty body.
   */
  UpdateSession: grpc.handleUnaryCall<_rolecall_ttl_v1_UpdateSessionRequest__Output, _rolecall_ttl_v1_UpdateSessionResponse>;
  
}

export interface TtlSessionServiceDefinition extends grpc.ServiceDefinition {
  CreateSession: MethodDefinition<_rolecall_ttl_v1_CreateSessionRequest, _rolecall_ttl_v1_AuthenticatedSessionResponse, _rolecall_ttl_v1_CreateSessionRequest__Output, _rolecall_ttl_v1_AuthenticatedSessionResponse__Output>
  DeleteSession: MethodDefinition<_rolecall_ttl_v1_DeleteSessionRequest, _rolecall_ttl_v1_DeleteSessionResponse, _rolecall_ttl_v1_DeleteSessionRequest__Output, _rolecall_ttl_v1_DeleteSessionResponse__Output>
  GetSession: MethodDefinition<_rolecall_ttl_v1_GetSessionRequest, _rolecall_ttl_v1_GetSessionResponse, _rolecall_ttl_v1_GetSessionRequest__Output, _rolecall_ttl_v1_GetSessionResponse__Output>
  GetStaticSession: MethodDefinition<_rolecall_ttl_v1_GetStaticSessionRequest, _rolecall_ttl_v1_GetSessionResponse, _rolecall_ttl_v1_GetStaticSessionRequest__Output, _rolecall_ttl_v1_GetSessionResponse__Output>
  UpdateSession: MethodDefinition<_rolecall_ttl_v1_UpdateSessionRequest, _rolecall_ttl_v1_UpdateSessionResponse, _rolecall_ttl_v1_UpdateSessionRequest__Output, _rolecall_ttl_v1_UpdateSessionResponse__Output>
}

// Original file: protos/rolecall/live/v1/live.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteSessionRequest as _rolecall_live_v1_DeleteSessionRequest, DeleteSessionRequest__Output as _rolecall_live_v1_DeleteSessionRequest__Output } from '../../../rolecall/live/v1/DeleteSessionRequest';
import type { DeleteSessionResponse as _rolecall_live_v1_DeleteSessionResponse, DeleteSessionResponse__Output as _rolecall_live_v1_DeleteSessionResponse__Output } from '../../../rolecall/live/v1/DeleteSessionResponse';
import type { GetSessionRequest as _rolecall_live_v1_GetSessionRequest, GetSessionRequest__Output as _rolecall_live_v1_GetSessionRequest__Output } from '../../../rolecall/live/v1/GetSessionRequest';
import type { GetSessionResponse as _rolecall_live_v1_GetSessionResponse, GetSessionResponse__Output as _rolecall_live_v1_GetSessionResponse__Output } from '../../../rolecall/live/v1/GetSessionResponse';
import type { ListSessionsRequest as _rolecall_live_v1_ListSessionsRequest, ListSessionsRequest__Output as _rolecall_live_v1_ListSessionsRequest__Output } from '../../../rolecall/live/v1/ListSessionsRequest';
import type { ListSessionsResponse as _rolecall_live_v1_ListSessionsResponse, ListSessionsResponse__Output as _rolecall_live_v1_ListSessionsResponse__Output } from '../../../rolecall/live/v1/ListSessionsResponse';

/**
 * LiveSessionService lists the live connections to rolecall, MaxScale-style: every open
 * HeartbeatStream and WatchGroup stream is a session, created when the stream opens and gone when
 * it closes. Answers use the JSON:API envelope of the MaxScale REST API, with absolute links built
 * from the request's Host header (read from metadata, not from a field).
 */
export interface LiveSessionServiceClient extends grpc.Client {
  /**
   * Closes a live connection: its stream ends with a clear status. REST answers 204 with an empty
   * body; NOT_FOUND (404) for an unknown identifier.
   */
  DeleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Closes a live connection: its stream ends with a clear status. REST answers 204 with an empty
   * body; NOT_FOUND (404) for an unknown identifier.
   */
  deleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteSession(argument: _rolecall_live_v1_DeleteSessionRequest, callback: grpc.requestCallback<_rolecall_live_v1_DeleteSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets one live session; NOT_FOUND when no live connection has that identifier.
   */
  GetSession(argument: _rolecall_live_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_live_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_live_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  GetSession(argument: _rolecall_live_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Gets one live session; NOT_FOUND when no live connection has that identifier.
   */
  getSession(argument: _rolecall_live_v1_GetSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_live_v1_GetSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_live_v1_GetSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  getSession(argument: _rolecall_live_v1_GetSessionRequest, callback: grpc.requestCallback<_rolecall_live_v1_GetSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the live sessions in order of their identifiers.
   * 
   * REST pagination uses MaxScale's JSON:API parameters `page[size]` and `page[number]` (the first
   * page is 0). The transcoder cannot map a query parameter whose name holds brackets to a field,
   * so it passes them over (the gateway sets `ignore_unknown_query_parameters`) and the server
   * reads them from the raw query of the `x-envoy-original-path` metadata. gRPC clients, and REST
   * clients that prefer it, use the `page_size` and `page_number` fields instead; bracketed
   * parameters win when both are given. Without a page size every session is listed on one page.
   */
  ListSessions(argument: _rolecall_live_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_live_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_live_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _rolecall_live_v1_ListSessionsRequest, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the live sessions in order of their identifiers.
   * 
   * REST pagination uses MaxScale's JSON:API parameters `page[size]` and `page[number]` (the first
   * page is 0). The transcoder cannot map a query parameter whose name holds brackets to a field,
   * so it passes them over (the gateway sets `ignore_unknown_query_parameters`) and the server
   * reads them from the raw query of the `x-envoy-original-path` metadata. gRPC clients, and REST
   * clients that prefer it, use the `page_size` and `page_number` fields instead; bracketed
   * parameters win when both are given. Without a page size every session is listed on one page.
   */
  listSessions(argument: _rolecall_live_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_live_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_live_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _rolecall_live_v1_ListSessionsRequest, callback: grpc.requestCallback<_rolecall_live_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * LiveSessionService lists the live connections to rolecall, MaxScale-style: every open
 * HeartbeatStream and WatchGroup stream is a session, created when the stream opens and gone when
 * it closes. Answers use the JSON:API envelope of the MaxScale REST API, with absolute links built
 * from the request's Host header (read from metadata, not from a field).
 */
export interface LiveSessionServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Closes a live connection: its stream ends with a clear status. REST answers 204 with an empty
   * body; NOT_FOUND (404) for an unknown identifier.
   */
  DeleteSession: grpc.handleUnaryCall<_rolecall_live_v1_DeleteSessionRequest__Output, _rolecall_live_v1_DeleteSessionResponse>;
  
  /**
   * Gets one live session; NOT_FOUND when no live connection has that identifier.
   */
  GetSession: grpc.handleUnaryCall<_rolecall_live_v1_GetSessionRequest__Output, _rolecall_live_v1_GetSessionResponse>;
  
  /**
   * Lists the live sessions in order of their identifiers.
   * 
   * REST pagination uses MaxScale's JSON:API parameters `page[size]` and `page[number]` (the first
   * page is 0). The transcoder cannot map a query parameter whose name holds brackets to a field,
   * so it passes them over (the gateway sets `ignore_unknown_query_parameters`) and the server
   * reads them from the raw query of the `x-envoy-original-path` metadata. gRPC clients, and REST
   * clients that prefer it, use the `page_size` and `page_number` fields instead; bracketed
   * parameters win when both are given. Without a page size every session is listed on one page.
   */
  ListSessions: grpc.handleUnaryCall<_rolecall_live_v1_ListSessionsRequest__Output, _rolecall_live_v1_ListSessionsResponse>;
  
}

export interface LiveSessionServiceDefinition extends grpc.ServiceDefinition {
  DeleteSession: MethodDefinition<_rolecall_live_v1_DeleteSessionRequest, _rolecall_live_v1_DeleteSessionResponse, _rolecall_live_v1_DeleteSessionRequest__Output, _rolecall_live_v1_DeleteSessionResponse__Output>
  GetSession: MethodDefinition<_rolecall_live_v1_GetSessionRequest, _rolecall_live_v1_GetSessionResponse, _rolecall_live_v1_GetSessionRequest__Output, _rolecall_live_v1_GetSessionResponse__Output>
  ListSessions: MethodDefinition<_rolecall_live_v1_ListSessionsRequest, _rolecall_live_v1_ListSessionsResponse, _rolecall_live_v1_ListSessionsRequest__Output, _rolecall_live_v1_ListSessionsResponse__Output>
}

// Original file: protos/rolecall/status/v1/status.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStatusAssetRequest as _rolecall_status_v1_GetStatusAssetRequest, GetStatusAssetRequest__Output as _rolecall_status_v1_GetStatusAssetRequest__Output } from '../../../rolecall/status/v1/GetStatusAssetRequest';
import type { GetStatusPageRequest as _rolecall_status_v1_GetStatusPageRequest, GetStatusPageRequest__Output as _rolecall_status_v1_GetStatusPageRequest__Output } from '../../../rolecall/status/v1/GetStatusPageRequest';
import type { GetStatusRequest as _rolecall_status_v1_GetStatusRequest, GetStatusRequest__Output as _rolecall_status_v1_GetStatusRequest__Output } from '../../../rolecall/status/v1/GetStatusRequest';
import type { GetStatusResponse as _rolecall_status_v1_GetStatusResponse, GetStatusResponse__Output as _rolecall_status_v1_GetStatusResponse__Output } from '../../../rolecall/status/v1/GetStatusResponse';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * StatusService shows an operator what rolecall is doing right now: every failover group with
 * its clients' roles, the live streams and the TTL sessions. It serves a status page (HTML and
 * its script) through the same Envoy listener as the APIs, and the JSON snapshot the page polls.
 */
export interface StatusServiceClient extends grpc.Client {
  /**
   * Answers a snapshot of the server's state, optionally of one tenant or namespace only.
   */
  GetStatus(argument: _rolecall_status_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _rolecall_status_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _rolecall_status_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _rolecall_status_v1_GetStatusRequest, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Answers a snapshot of the server's state, optionally of one tenant or namespace only.
   */
  getStatus(argument: _rolecall_status_v1_GetStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _rolecall_status_v1_GetStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _rolecall_status_v1_GetStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _rolecall_status_v1_GetStatusRequest, callback: grpc.requestCallback<_rolecall_status_v1_GetStatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Answers a static asset of the status page (its script or style sheet) by file name.
   */
  GetStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  /**
   * Answers a static asset of the status page (its script or style sheet) by file name.
   */
  getStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusAsset(argument: _rolecall_status_v1_GetStatusAssetRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  
  /**
   * Answers the status page, an HTML document whose script polls GetStatus.
   */
  GetStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  /**
   * Answers the status page, an HTML document whose script polls GetStatus.
   */
  getStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getStatusPage(argument: _rolecall_status_v1_GetStatusPageRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  
}

/**
 * StatusService shows an operator what rolecall is doing right now: every failover group with
 * its clients' roles, the live streams and the TTL sessions. It serves a status page (HTML and
 * its script) through the same Envoy listener as the APIs, and the JSON snapshot the page polls.
 */
export interface StatusServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Answers a snapshot of the server's state, optionally of one tenant or namespace only.
   */
  GetStatus: grpc.handleUnaryCall<_rolecall_status_v1_GetStatusRequest__Output, _rolecall_status_v1_GetStatusResponse>;
  
  /**
   * Answers a static asset of the status page (its script or style sheet) by file name.
   */
  GetStatusAsset: grpc.handleUnaryCall<_rolecall_status_v1_GetStatusAssetRequest__Output, _google_api_HttpBody>;
  
  /**
   * Answers the status page, an HTML document whose script polls GetStatus.
   */
  GetStatusPage: grpc.handleUnaryCall<_rolecall_status_v1_GetStatusPageRequest__Output, _google_api_HttpBody>;
  
}

export interface StatusServiceDefinition extends grpc.ServiceDefinition {
  GetStatus: MethodDefinition<_rolecall_status_v1_GetStatusRequest, _rolecall_status_v1_GetStatusResponse, _rolecall_status_v1_GetStatusRequest__Output, _rolecall_status_v1_GetStatusResponse__Output>
  GetStatusAsset: MethodDefinition<_rolecall_status_v1_GetStatusAssetRequest, _google_api_HttpBody, _rolecall_status_v1_GetStatusAssetRequest__Output, _google_api_HttpBody__Output>
  GetStatusPage: MethodDefinition<_rolecall_status_v1_GetStatusPageRequest, _google_api_HttpBody, _rolecall_status_v1_GetStatusPageRequest__Output, _google_api_HttpBody__Output>
}

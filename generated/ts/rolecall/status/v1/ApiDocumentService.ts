// Original file: protos/rolecall/status/v1/status.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetApiDocumentRequest as _rolecall_status_v1_GetApiDocumentRequest, GetApiDocumentRequest__Output as _rolecall_status_v1_GetApiDocumentRequest__Output } from '../../../rolecall/status/v1/GetApiDocumentRequest';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';
import type { ListApiDocumentsRequest as _rolecall_status_v1_ListApiDocumentsRequest, ListApiDocumentsRequest__Output as _rolecall_status_v1_ListApiDocumentsRequest__Output } from '../../../rolecall/status/v1/ListApiDocumentsRequest';
import type { ListApiDocumentsResponse as _rolecall_status_v1_ListApiDocumentsResponse, ListApiDocumentsResponse__Output as _rolecall_status_v1_ListApiDocumentsResponse__Output } from '../../../rolecall/status/v1/ListApiDocumentsResponse';

/**
 * ApiDocumentService serves the OpenAPI 3.1 documents of rolecall's REST APIs.
 */
export interface ApiDocumentServiceClient extends grpc.Client {
  /**
   * Answers one OpenAPI document as JSON, by its file name, for example "failover-v1.json".
   */
  GetApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  GetApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  /**
   * Answers one OpenAPI document as JSON, by its file name, for example "failover-v1.json".
   */
  getApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  getApiDocument(argument: _rolecall_status_v1_GetApiDocumentRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the OpenAPI documents this server serves.
   */
  ListApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  ListApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  ListApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  ListApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the OpenAPI documents this server serves.
   */
  listApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  listApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  listApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  listApiDocuments(argument: _rolecall_status_v1_ListApiDocumentsRequest, callback: grpc.requestCallback<_rolecall_status_v1_ListApiDocumentsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * ApiDocumentService serves the OpenAPI 3.1 documents of rolecall's REST APIs.
 */
export interface ApiDocumentServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Answers one OpenAPI document as JSON, by its file name, for example "failover-v1.json".
   */
  GetApiDocument: grpc.handleUnaryCall<_rolecall_status_v1_GetApiDocumentRequest__Output, _google_api_HttpBody>;
  
  /**
   * Lists the OpenAPI documents this server serves.
   */
  ListApiDocuments: grpc.handleUnaryCall<_rolecall_status_v1_ListApiDocumentsRequest__Output, _rolecall_status_v1_ListApiDocumentsResponse>;
  
}

export interface ApiDocumentServiceDefinition extends grpc.ServiceDefinition {
  GetApiDocument: MethodDefinition<_rolecall_status_v1_GetApiDocumentRequest, _google_api_HttpBody, _rolecall_status_v1_GetApiDocumentRequest__Output, _google_api_HttpBody__Output>
  ListApiDocuments: MethodDefinition<_rolecall_status_v1_ListApiDocumentsRequest, _rolecall_status_v1_ListApiDocumentsResponse, _rolecall_status_v1_ListApiDocumentsRequest__Output, _rolecall_status_v1_ListApiDocumentsResponse__Output>
}

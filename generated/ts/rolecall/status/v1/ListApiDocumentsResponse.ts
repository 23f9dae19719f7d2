// Original file: protos/rolecall/status/v1/status.proto

import type { ApiDocument as _rolecall_status_v1_ApiDocument, ApiDocument__Output as _rolecall_status_v1_ApiDocument__Output } from '../../../rolecall/status/v1/ApiDocument';

/**
 * ListApiDocumentsResponse lists the OpenAPI documents.
 */
export interface ListApiDocumentsResponse {
  /**
   * The documents, one per REST API.
   */
  'documents'?: (_rolecall_status_v1_ApiDocument)[];
}

/**
 * ListApiDocumentsResponse lists the OpenAPI documents.
 */
export interface ListApiDocumentsResponse__Output {
  /**
   * The documents, one per REST API.
   */
  'documents': (_rolecall_status_v1_ApiDocument__Output)[];
}

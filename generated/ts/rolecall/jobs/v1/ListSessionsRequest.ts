// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Search as _rolecall_jobs_v1_Search, Search__Output as _rolecall_jobs_v1_Search__Output } from '../../../rolecall/jobs/v1/Search';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * ListSessionsRequest selects a page of a project's sessions.
 */
export interface ListSessionsRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The most sessions to answer; 0 means the default, 10.
   */
  'limit'?: (number);
  /**
   * How many matching sessions to skip.
   */
  'offset'?: (number);
  /**
   * The search document as JSON text: the `search` query parameter.
   */
  'search'?: (string);
  /**
   * The search document: the body of the GET, or for gRPC. It wins over `search` when it holds
   * any entry; the transcoder sets it (empty) even when the GET has no body.
   */
  'search_document'?: (_rolecall_jobs_v1_Search | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `search_document`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
}

/**
 * ListSessionsRequest selects a page of a project's sessions.
 */
export interface ListSessionsRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The most sessions to answer; 0 means the default, 10.
   */
  'limit': (number);
  /**
   * How many matching sessions to skip.
   */
  'offset': (number);
  /**
   * The search document as JSON text: the `search` query parameter.
   */
  'search': (string);
  /**
   * The search document: the body of the GET, or for gRPC. It wins over `search` when it holds
   * any entry; the transcoder sets it (empty) even when the GET has no body.
   */
  'search_document': (_rolecall_jobs_v1_Search__Output | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `search_document`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

// Original file: protos/rolecall/status/v1/status.proto


/**
 * GetApiDocumentRequest names an OpenAPI document.
 */
export interface GetApiDocumentRequest {
  /**
   * The document's file name, for example "failover-v1.json".
   */
  'name'?: (string);
}

/**
 * GetApiDocumentRequest names an OpenAPI document.
 */
export interface GetApiDocumentRequest__Output {
  /**
   * The document's file name, for example "failover-v1.json".
   */
  'name': (string);
}

// Original file: protos/rolecall/status/v1/status.proto


/**
 * ApiDocument names one OpenAPI document.
 */
export interface ApiDocument {
  /**
   * The document's file name, for example "failover-v1.json".
   */
  'name'?: (string);
  /**
   * The API's title.
   */
  'title'?: (string);
  /**
   * The document's path on this server, for example "/openapi/failover-v1.json".
   */
  'path'?: (string);
}

/**
 * ApiDocument names one OpenAPI document.
 */
export interface ApiDocument__Output {
  /**
   * The document's file name, for example "failover-v1.json".
   */
  'name': (string);
  /**
   * The API's title.
   */
  'title': (string);
  /**
   * The document's path on this server, for example "/openapi/failover-v1.json".
   */
  'path': (string);
}

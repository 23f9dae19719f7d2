// Original file: protos/rolecall/status/v1/status.proto


/**
 * GetStatusAssetRequest names an asset of the status page.
 */
export interface GetStatusAssetRequest {
  /**
   * The asset's file name, for example "status.js".
   */
  'name'?: (string);
}

/**
 * GetStatusAssetRequest names an asset of the status page.
 */
export interface GetStatusAssetRequest__Output {
  /**
   * The asset's file name, for example "status.js".
   */
  'name': (string);
}

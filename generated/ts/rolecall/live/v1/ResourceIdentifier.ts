// Original file: protos/rolecall/live/v1/live.proto


/**
 * ResourceIdentifier names a related resource, as JSON:API does.
 */
export interface ResourceIdentifier {
  /**
   * The related resource's identifier, for example "HeartbeatStream".
   */
  'id'?: (string);
  /**
   * The related resource's type, for example "services".
   */
  'type'?: (string);
}

/**
 * ResourceIdentifier names a related resource, as JSON:API does.
 */
export interface ResourceIdentifier__Output {
  /**
   * The related resource's identifier, for example "HeartbeatStream".
   */
  'id': (string);
  /**
   * The related resource's type, for example "services".
   */
  'type': (string);
}

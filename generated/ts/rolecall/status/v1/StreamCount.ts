// Original file: protos/rolecall/status/v1/status.proto


/**
 * StreamCount counts the live streams of one kind.
 */
export interface StreamCount {
  /**
   * The gRPC method the streams run, for example "HeartbeatStream" or "WatchGroup".
   */
  'service'?: (string);
  /**
   * How many streams of that method are open.
   */
  'count'?: (number);
}

/**
 * StreamCount counts the live streams of one kind.
 */
export interface StreamCount__Output {
  /**
   * The gRPC method the streams run, for example "HeartbeatStream" or "WatchGroup".
   */
  'service': (string);
  /**
   * How many streams of that method are open.
   */
  'count': (number);
}

// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * GroupConfiguration is the writable part of a failover group.
 */
export interface GroupConfiguration {
  /**
   * The group's identifier; in a PUT it may be omitted, and must match the path if given.
   */
  'id'?: (string);
  /**
   * A display name.
   */
  'name'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * How long a client may go without a heartbeat, as a .NET time-span ("00:00:30").
   */
  'failover_timeout'?: (string);
  /**
   * The same timeout in milliseconds; either field may be given.
   */
  'milliseconds'?: (number | string);
}

/**
 * GroupConfiguration is the writable part of a failover group.
 */
export interface GroupConfiguration__Output {
  /**
   * The group's identifier; in a PUT it may be omitted, and must match the path if given.
   */
  'id': (string);
  /**
   * A display name.
   */
  'name': (string);
  /**
   * A free-form description.
   */
  'description': (string);
  /**
   * How long a client may go without a heartbeat, as a .NET time-span ("00:00:30").
   */
  'failover_timeout': (string);
  /**
   * The same timeout in milliseconds; either field may be given.
   */
  'milliseconds': (number);
}

// Original file: protos/rolecall/failover/v1/failover.proto

/**
 * ClientRole is a client session's role in its group, as the documented integers.
 */
export const ClientRole = {
  /**
   * A role nobody set; it means Secondary, and prints as the documented 0.
   */
  CLIENT_ROLE_UNSPECIFIED: 0,
  /**
   * The client stands by.
   */
  CLIENT_ROLE_SECONDARY: 0,
  /**
   * The client is the one that works.
   */
  CLIENT_ROLE_PRIMARY: 1,
  /**
   * The client was chosen to become Primary and becomes it on its next heartbeat.
   */
  CLIENT_ROLE_PENDING_PRIMARY: 2,
} as const;

/**
 * ClientRole is a client session's role in its group, as the documented integers.
 */
export type ClientRole =
  /**
   * A role nobody set; it means Secondary, and prints as the documented 0.
   */
  | 'CLIENT_ROLE_UNSPECIFIED'
  | 0
  /**
   * The client stands by.
   */
  | 'CLIENT_ROLE_SECONDARY'
  | 0
  /**
   * The client is the one that works.
   */
  | 'CLIENT_ROLE_PRIMARY'
  | 1
  /**
   * The client was chosen to become Primary and becomes it on its next heartbeat.
   */
  | 'CLIENT_ROLE_PENDING_PRIMARY'
  | 2

/**
 * ClientRole is a client session's role in its group, as the documented integers.
 */
export type ClientRole__Output = typeof ClientRole[keyof typeof ClientRole]

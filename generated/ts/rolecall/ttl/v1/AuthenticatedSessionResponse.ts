// Original file: protos/rolecall/ttl/v1/ttl.proto


/**
 * AuthenticatedSessionResponse says whether the credentials were valid and, when they were,
 * names the new session and its bearer.
 */
export interface AuthenticatedSessionResponse {
  /**
   * Whether the username and password matched a user of the tenant.
   */
  'valid_credentials'?: (boolean);
  /**
   * Whether the user may open a session; false whenever the credentials were wrong.
   */
  'access_allowed'?: (boolean);
  /**
   * The new session's identifier; absent when no session was created.
   */
  'session_id'?: (string);
  /**
   * The user's stable identifier; absent when the credentials were wrong.
   */
  'user_id'?: (string);
  /**
   * The user's name.
   */
  'username'?: (string);
  /**
   * The user's full name.
   */
  'fullname'?: (string);
  /**
   * The user's e-mail address.
   */
  'email'?: (string);
  /**
   * The secret to send as `Authorization: Bearer <bearer>`; absent when no session was created.
   * Only a hash of it is stored: it cannot be shown again.
   */
  'bearer'?: (string);
  /**
   * Claims about the user and the session (sub, name, tenant, sid, ...); only when detail was
   * asked.
   */
  'claims'?: ({[key: string]: string});
  /**
   * The user's roles; only when detail was asked.
   */
  'roles'?: (string)[];
  /**
   * The user's profiles; only when detail was asked.
   */
  'profiles'?: (string)[];
  /**
   * The session's version: 1 when created, one more at every update of its data.
   */
  'version'?: (number);
  '_session_id'?: "session_id";
  '_user_id'?: "user_id";
  '_bearer'?: "bearer";
}

/**
 * AuthenticatedSessionResponse says whether the credentials were valid and, when they were,
 * names the new session and its bearer.
 */
export interface AuthenticatedSessionResponse__Output {
  /**
   * Whether the username and password matched a user of the tenant.
   */
  'valid_credentials': (boolean);
  /**
   * Whether the user may open a session; false whenever the credentials were wrong.
   */
  'access_allowed': (boolean);
  /**
   * The new session's identifier; absent when no session was created.
   */
  'session_id'?: (string);
  /**
   * The user's stable identifier; absent when the credentials were wrong.
   */
  'user_id'?: (string);
  /**
   * The user's name.
   */
  'username': (string);
  /**
   * The user's full name.
   */
  'fullname': (string);
  /**
   * The user's e-mail address.
   */
  'email': (string);
  /**
   * The secret to send as `Authorization: Bearer <bearer>`; absent when no session was created.
   * Only a hash of it is stored: it cannot be shown again.
   */
  'bearer'?: (string);
  /**
   * Claims about the user and the session (sub, name, tenant, sid, ...); only when detail was
   * asked.
   */
  'claims': ({[key: string]: string});
  /**
   * The user's roles; only when detail was asked.
   */
  'roles': (string)[];
  /**
   * The user's profiles; only when detail was asked.
   */
  'profiles': (string)[];
  /**
   * The session's version: 1 when created, one more at every update of its data.
   */
  'version': (number);
  '_session_id'?: "session_id";
  '_user_id'?: "user_id";
  '_bearer'?: "bearer";
}

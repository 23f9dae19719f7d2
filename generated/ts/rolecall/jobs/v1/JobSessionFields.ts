// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';

/**
 * JobSessionFields are the writable fields of a session; a PATCH changes only those it holds.
 */
export interface JobSessionFields {
  /**
   * The session to update, for the PATCH on the collection; ignored elsewhere.
   */
  'session_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * Seconds after a run starts during which other jobs may still join it; at least 0.
   */
  'hold_off'?: (number);
  /**
   * The run counter; at least 0.
   */
  'session_tag'?: (number);
  /**
   * The schedule: required when creating a session.
   */
  'schedule'?: (_google_protobuf_Struct | null);
  /**
   * The session's status.
   */
  'status'?: (string);
  /**
   * The result of the last run.
   */
  'result'?: (string);
  '_session_id'?: "session_id";
  '_description'?: "description";
  '_hold_off'?: "hold_off";
  '_session_tag'?: "session_tag";
  '_status'?: "status";
  '_result'?: "result";
}

/**
 * JobSessionFields are the writable fields of a session; a PATCH changes only those it holds.
 */
export interface JobSessionFields__Output {
  /**
   * The session to update, for the PATCH on the collection; ignored elsewhere.
   */
  'session_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * Seconds after a run starts during which other jobs may still join it; at least 0.
   */
  'hold_off'?: (number);
  /**
   * The run counter; at least 0.
   */
  'session_tag'?: (number);
  /**
   * The schedule: required when creating a session.
   */
  'schedule': (_google_protobuf_Struct__Output | null);
  /**
   * The session's status.
   */
  'status'?: (string);
  /**
   * The result of the last run.
   */
  'result'?: (string);
  '_session_id'?: "session_id";
  '_description'?: "description";
  '_hold_off'?: "hold_off";
  '_session_tag'?: "session_tag";
  '_status'?: "status";
  '_result'?: "result";
}

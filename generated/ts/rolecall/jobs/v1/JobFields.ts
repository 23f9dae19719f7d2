// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from '../../../google/protobuf/ListValue';

/**
 * JobFields are the writable fields of a job; a PATCH changes only those it holds.
 */
export interface JobFields {
  /**
   * The job's identifier: may be given when creating; ignored in a PATCH.
   */
  'job_id'?: (string);
  /**
   * The client that runs the job: required when creating.
   */
  'client_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * The job's schedule: required when creating.
   */
  'job_schedule'?: (_google_protobuf_Struct | null);
  /**
   * The job's actions, a JSON array of objects: required when creating.
   */
  'job_actions'?: (_google_protobuf_ListValue | null);
  /**
   * The session the job belongs to.
   */
  'session_id'?: (string);
  /**
   * The tag of the session run.
   */
  'session_tag'?: (number);
  '_job_id'?: "job_id";
  '_client_id'?: "client_id";
  '_description'?: "description";
  '_session_id'?: "session_id";
  '_session_tag'?: "session_tag";
}

/**
 * JobFields are the writable fields of a job; a PATCH changes only those it holds.
 */
export interface JobFields__Output {
  /**
   * The job's identifier: may be given when creating; ignored in a PATCH.
   */
  'job_id'?: (string);
  /**
   * The client that runs the job: required when creating.
   */
  'client_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * The job's schedule: required when creating.
   */
  'job_schedule': (_google_protobuf_Struct__Output | null);
  /**
   * The job's actions, a JSON array of objects: required when creating.
   */
  'job_actions': (_google_protobuf_ListValue__Output | null);
  /**
   * The session the job belongs to.
   */
  'session_id'?: (string);
  /**
   * The tag of the session run.
   */
  'session_tag'?: (number);
  '_job_id'?: "job_id";
  '_client_id'?: "client_id";
  '_description'?: "description";
  '_session_id'?: "session_id";
  '_session_tag'?: "session_tag";
}

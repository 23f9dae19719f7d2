// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from '../../../google/protobuf/ListValue';

/**
 * Job is a Freezer job.
 */
export interface Job {
  /**
   * The job's identifier.
   */
  'job_id'?: (string);
  /**
   * The project that owns the job.
   */
  'project_id'?: (string);
  /**
   * The user that created the job.
   */
  'user_id'?: (string);
  /**
   * The client that runs the job.
   */
  'client_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * The job's schedule and run state: Freezer's scheduling fields, any JSON object.
   */
  'job_schedule'?: (_google_protobuf_Struct | null);
  /**
   * The actions the job runs in order: a JSON array of objects.
   */
  'job_actions'?: (_google_protobuf_ListValue | null);
  /**
   * The session the job belongs to; empty when none.
   */
  'session_id'?: (string);
  /**
   * The tag of the session run the job last took part in.
   */
  'session_tag'?: (number);
  /**
   * The document version: 1 when created, one more at every change.
   */
  'version'?: (number);
}

/**
 * Job is a Freezer job.
 */
export interface Job__Output {
  /**
   * The job's identifier.
   */
  'job_id': (string);
  /**
   * The project that owns the job.
   */
  'project_id': (string);
  /**
   * The user that created the job.
   */
  'user_id': (string);
  /**
   * The client that runs the job.
   */
  'client_id': (string);
  /**
   * A free-form description.
   */
  'description': (string);
  /**
   * The job's schedule and run state: Freezer's scheduling fields, any JSON object.
   */
  'job_schedule': (_google_protobuf_Struct__Output | null);
  /**
   * The actions the job runs in order: a JSON array of objects.
   */
  'job_actions': (_google_protobuf_ListValue__Output | null);
  /**
   * The session the job belongs to; empty when none.
   */
  'session_id': (string);
  /**
   * The tag of the session run the job last took part in.
   */
  'session_tag': (number);
  /**
   * The document version: 1 when created, one more at every change.
   */
  'version': (number);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';
import type { SessionJob as _rolecall_jobs_v1_SessionJob, SessionJob__Output as _rolecall_jobs_v1_SessionJob__Output } from '../../../rolecall/jobs/v1/SessionJob';

/**
 * JobSession is a Freezer session.
 */
export interface JobSession {
  /**
   * The session's identifier.
   */
  'session_id'?: (string);
  /**
   * The project that owns the session.
   */
  'project_id'?: (string);
  /**
   * The user that created the session.
   */
  'user_id'?: (string);
  /**
   * A free-form description.
   */
  'description'?: (string);
  /**
   * Seconds after a run starts during which jobs of that run may still join it.
   */
  'hold_off'?: (number);
  /**
   * The run counter: it grows by one whenever a new run starts.
   */
  'session_tag'?: (number);
  /**
   * The schedule every job of the session takes: Freezer's scheduling fields, any JSON object.
   */
  'schedule'?: (_google_protobuf_Struct | null);
  /**
   * "active" until the first run, then "running" or "completed".
   */
  'status'?: (string);
  /**
   * The result of the last completed run: "", "success" or "fail".
   */
  'result'?: (string);
  /**
   * The session's jobs, keyed by job identifier.
   */
  'jobs'?: ({[key: string]: _rolecall_jobs_v1_SessionJob});
  /**
   * When the current run started, in Unix seconds; -1 before the first run.
   */
  'time_start'?: (number | string);
  /**
   * When the last run completed, in Unix seconds; -1 before.
   */
  'time_end'?: (number | string);
  /**
   * Freezer's time_started field, kept as given; -1 unless set.
   */
  'time_started'?: (number | string);
  /**
   * Freezer's time_ended field, kept as given; -1 unless set.
   */
  'time_ended'?: (number | string);
  /**
   * The document version: 1 when created, one more at every change.
   */
  'version'?: (number);
}

/**
 * JobSession is a Freezer session.
 */
export interface JobSession__Output {
  /**
   * The session's identifier.
   */
  'session_id': (string);
  /**
   * The project that owns the session.
   */
  'project_id': (string);
  /**
   * The user that created the session.
   */
  'user_id': (string);
  /**
   * A free-form description.
   */
  'description': (string);
  /**
   * Seconds after a run starts during which jobs of that run may still join it.
   */
  'hold_off': (number);
  /**
   * The run counter: it grows by one whenever a new run starts.
   */
  'session_tag': (number);
  /**
   * The schedule every job of the session takes: Freezer's scheduling fields, any JSON object.
   */
  'schedule': (_google_protobuf_Struct__Output | null);
  /**
   * "active" until the first run, then "running" or "completed".
   */
  'status': (string);
  /**
   * The result of the last completed run: "", "success" or "fail".
   */
  'result': (string);
  /**
   * The session's jobs, keyed by job identifier.
   */
  'jobs': ({[key: string]: _rolecall_jobs_v1_SessionJob__Output});
  /**
   * When the current run started, in Unix seconds; -1 before the first run.
   */
  'time_start': (number);
  /**
   * When the last run completed, in Unix seconds; -1 before.
   */
  'time_end': (number);
  /**
   * Freezer's time_started field, kept as given; -1 unless set.
   */
  'time_started': (number);
  /**
   * Freezer's time_ended field, kept as given; -1 unless set.
   */
  'time_ended': (number);
  /**
   * The document version: 1 when created, one more at every change.
   */
  'version': (number);
}

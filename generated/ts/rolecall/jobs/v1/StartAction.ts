// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * StartAction asks to start a job in the session's current or next run.
 */
export interface StartAction {
  /**
   * The job that wants to start; it must belong to the session.
   */
  'job_id'?: (string);
  /**
   * The session tag the job last ran with.
   */
  'current_tag'?: (number);
}

/**
 * StartAction asks to start a job in the session's current or next run.
 */
export interface StartAction__Output {
  /**
   * The job that wants to start; it must belong to the session.
   */
  'job_id': (string);
  /**
   * The session tag the job last ran with.
   */
  'current_tag': (number);
}

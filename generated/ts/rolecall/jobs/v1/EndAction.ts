// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * EndAction reports a job's result in the current run.
 */
export interface EndAction {
  /**
   * The job that ended; it must belong to the session.
   */
  'job_id'?: (string);
  /**
   * The job's result: "success", "fail", ...
   */
  'result'?: (string);
  /**
   * The session tag the job ran with; informative.
   */
  'current_tag'?: (number);
}

/**
 * EndAction reports a job's result in the current run.
 */
export interface EndAction__Output {
  /**
   * The job that ended; it must belong to the session.
   */
  'job_id': (string);
  /**
   * The job's result: "success", "fail", ...
   */
  'result': (string);
  /**
   * The session tag the job ran with; informative.
   */
  'current_tag': (number);
}

// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * SessionJob is a session's copy of the state of one of its jobs.
 */
export interface SessionJob {
  /**
   * The client that runs the job.
   */
  'client_id'?: (string);
  /**
   * The job's status in the current run: "", "running", "completed", ...
   */
  'status'?: (string);
  /**
   * The job's result in the current run: "", "success", "fail", ...
   */
  'result'?: (string);
  /**
   * When the job started in this run, in Unix seconds; -1 before it did. A double so that REST
   * prints a JSON number (int64 prints as a string).
   */
  'time_started'?: (number | string);
  /**
   * When the job ended in this run, in Unix seconds; -1 before it did.
   */
  'time_ended'?: (number | string);
}

/**
 * SessionJob is a session's copy of the state of one of its jobs.
 */
export interface SessionJob__Output {
  /**
   * The client that runs the job.
   */
  'client_id': (string);
  /**
   * The job's status in the current run: "", "running", "completed", ...
   */
  'status': (string);
  /**
   * The job's result in the current run: "", "success", "fail", ...
   */
  'result': (string);
  /**
   * When the job started in this run, in Unix seconds; -1 before it did. A double so that REST
   * prints a JSON number (int64 prints as a string).
   */
  'time_started': (number);
  /**
   * When the job ended in this run, in Unix seconds; -1 before it did.
   */
  'time_ended': (number);
}

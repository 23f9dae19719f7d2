// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { JobFields as _rolecall_jobs_v1_JobFields, JobFields__Output as _rolecall_jobs_v1_JobFields__Output } from '../../../rolecall/jobs/v1/JobFields';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../../google/api/HttpBody';

/**
 * CreateJobRequest carries a new job.
 */
export interface CreateJobRequest {
  /**
   * The project.
   */
  'project_id'?: (string);
  /**
   * The job's fields; client_id, job_schedule and job_actions are required.
   */
  'job'?: (_rolecall_jobs_v1_JobFields | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `job`;
   * gRPC callers leave it empty.
   */
  'http_body'?: (_google_api_HttpBody | null);
}

/**
 * CreateJobRequest carries a new job.
 */
export interface CreateJobRequest__Output {
  /**
   * The project.
   */
  'project_id': (string);
  /**
   * The job's fields; client_id, job_schedule and job_actions are required.
   */
  'job': (_rolecall_jobs_v1_JobFields__Output | null);
  /**
   * The REST body as Envoy received it, parsed strictly by the server into `job`;
   * gRPC callers leave it empty.
   */
  'http_body': (_google_api_HttpBody__Output | null);
}

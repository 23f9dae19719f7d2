// Original file: protos/rolecall/jobs/v1/jobs.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateJobRequest as _rolecall_jobs_v1_CreateJobRequest, CreateJobRequest__Output as _rolecall_jobs_v1_CreateJobRequest__Output } from '../../../rolecall/jobs/v1/CreateJobRequest';
import type { CreateJobResponse as _rolecall_jobs_v1_CreateJobResponse, CreateJobResponse__Output as _rolecall_jobs_v1_CreateJobResponse__Output } from '../../../rolecall/jobs/v1/CreateJobResponse';
import type { DeleteJobRequest as _rolecall_jobs_v1_DeleteJobRequest, DeleteJobRequest__Output as _rolecall_jobs_v1_DeleteJobRequest__Output } from '../../../rolecall/jobs/v1/DeleteJobRequest';
import type { DeleteJobResponse as _rolecall_jobs_v1_DeleteJobResponse, DeleteJobResponse__Output as _rolecall_jobs_v1_DeleteJobResponse__Output } from '../../../rolecall/jobs/v1/DeleteJobResponse';
import type { GetJobRequest as _rolecall_jobs_v1_GetJobRequest, GetJobRequest__Output as _rolecall_jobs_v1_GetJobRequest__Output } from '../../../rolecall/jobs/v1/GetJobRequest';
import type { Job as _rolecall_jobs_v1_Job, Job__Output as _rolecall_jobs_v1_Job__Output } from '../../../rolecall/jobs/v1/Job';
import type { ListJobsRequest as _rolecall_jobs_v1_ListJobsRequest, ListJobsRequest__Output as _rolecall_jobs_v1_ListJobsRequest__Output } from '../../../rolecall/jobs/v1/ListJobsRequest';
import type { ListJobsResponse as _rolecall_jobs_v1_ListJobsResponse, ListJobsResponse__Output as _rolecall_jobs_v1_ListJobsResponse__Output } from '../../../rolecall/jobs/v1/ListJobsResponse';
import type { UpdateJobRequest as _rolecall_jobs_v1_UpdateJobRequest, UpdateJobRequest__Output as _rolecall_jobs_v1_UpdateJobRequest__Output } from '../../../rolecall/jobs/v1/UpdateJobRequest';
import type { UpdateJobResponse as _rolecall_jobs_v1_UpdateJobResponse, UpdateJobResponse__Output as _rolecall_jobs_v1_UpdateJobResponse__Output } from '../../../rolecall/jobs/v1/UpdateJobResponse';

/**
 * JobService keeps the minimal Freezer v2 jobs API the sessions need.
 */
export interface JobServiceClient extends grpc.Client {
  /**
   * Creates a job; the body must hold client_id, job_schedule and job_actions, and may name its
   * job_id. REST answers 201 with the job_id.
   */
  CreateJob(argument: _rolecall_jobs_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _rolecall_jobs_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _rolecall_jobs_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _rolecall_jobs_v1_CreateJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a job; the body must hold client_id, job_schedule and job_actions, and may name its
   * job_id. REST answers 201 with the job_id.
   */
  createJob(argument: _rolecall_jobs_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _rolecall_jobs_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _rolecall_jobs_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  createJob(argument: _rolecall_jobs_v1_CreateJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_CreateJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a job. REST answers 204 with an empty body.
   */
  DeleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a job. REST answers 204 with an empty body.
   */
  deleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _rolecall_jobs_v1_DeleteJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a job.
   */
  GetJob(argument: _rolecall_jobs_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _rolecall_jobs_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _rolecall_jobs_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _rolecall_jobs_v1_GetJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a job.
   */
  getJob(argument: _rolecall_jobs_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _rolecall_jobs_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _rolecall_jobs_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _rolecall_jobs_v1_GetJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_Job__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists a project's jobs, with the same `limit`, `offset` and search (GET body or `search`
   * query parameter) as ListSessions.
   */
  ListJobs(argument: _rolecall_jobs_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _rolecall_jobs_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _rolecall_jobs_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _rolecall_jobs_v1_ListJobsRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists a project's jobs, with the same `limit`, `offset` and search (GET body or `search`
   * query parameter) as ListSessions.
   */
  listJobs(argument: _rolecall_jobs_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _rolecall_jobs_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _rolecall_jobs_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _rolecall_jobs_v1_ListJobsRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Updates the fields of a job the body holds and answers its new version.
   */
  UpdateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Updates the fields of a job the body holds and answers its new version.
   */
  updateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _rolecall_jobs_v1_UpdateJobRequest, callback: grpc.requestCallback<_rolecall_jobs_v1_UpdateJobResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * JobService keeps the minimal Freezer v2 jobs API the sessions need.
 */
export interface JobServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates a job; the body must hold client_id, job_schedule and job_actions, and may name its
   * job_id. REST answers 201 with the job_id.
   */
  CreateJob: grpc.handleUnaryCall<_rolecall_jobs_v1_CreateJobRequest__Output, _rolecall_jobs_v1_CreateJobResponse>;
  
  /**
   * Deletes a job. REST answers 204 with an empty body.
   */
  DeleteJob: grpc.handleUnaryCall<_rolecall_jobs_v1_DeleteJobRequest__Output, _rolecall_jobs_v1_DeleteJobResponse>;
  
  /**
   * Gets a job.
   */
  GetJob: grpc.handleUnaryCall<_rolecall_jobs_v1_GetJobRequest__Output, _rolecall_jobs_v1_Job>;
  
  /**
   * Lists a project's jobs, with the same `limit`, `offset` and search (GET body or `search`
   * query parameter) as ListSessions.
   */
  ListJobs: grpc.handleUnaryCall<_rolecall_jobs_v1_ListJobsRequest__Output, _rolecall_jobs_v1_ListJobsResponse>;
  
  /**
   * Updates the fields of a job the body holds and answers its new version.
   */
  UpdateJob: grpc.handleUnaryCall<_rolecall_jobs_v1_UpdateJobRequest__Output, _rolecall_jobs_v1_UpdateJobResponse>;
  
}

export interface JobServiceDefinition extends grpc.ServiceDefinition {
  CreateJob: MethodDefinition<_rolecall_jobs_v1_CreateJobRequest, _rolecall_jobs_v1_CreateJobResponse, _rolecall_jobs_v1_CreateJobRequest__Output, _rolecall_jobs_v1_CreateJobResponse__Output>
  DeleteJob: MethodDefinition<_rolecall_jobs_v1_DeleteJobRequest, _rolecall_jobs_v1_DeleteJobResponse, _rolecall_jobs_v1_DeleteJobRequest__Output, _rolecall_jobs_v1_DeleteJobResponse__Output>
  GetJob: MethodDefinition<_rolecall_jobs_v1_GetJobRequest, _rolecall_jobs_v1_Job, _rolecall_jobs_v1_GetJobRequest__Output, _rolecall_jobs_v1_Job__Output>
  ListJobs: MethodDefinition<_rolecall_jobs_v1_ListJobsRequest, _rolecall_jobs_v1_ListJobsResponse, _rolecall_jobs_v1_ListJobsRequest__Output, _rolecall_jobs_v1_ListJobsResponse__Output>
  UpdateJob: MethodDefinition<_rolecall_jobs_v1_UpdateJobRequest, _rolecall_jobs_v1_UpdateJobResponse, _rolecall_jobs_v1_UpdateJobRequest__Output, _rolecall_jobs_v1_UpdateJobResponse__Output>
}

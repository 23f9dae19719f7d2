// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * DeleteJobResponse is empty; REST answers 204.
 */
export interface DeleteJobResponse {
}

/**
 * DeleteJobResponse is empty; REST answers 204.
 */
export interface DeleteJobResponse__Output {
}

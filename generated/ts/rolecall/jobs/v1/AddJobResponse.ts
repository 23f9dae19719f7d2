// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * AddJobResponse is empty; REST answers 204.
 */
export interface AddJobResponse {
}

/**
 * AddJobResponse is empty; REST answers 204.
 */
export interface AddJobResponse__Output {
}

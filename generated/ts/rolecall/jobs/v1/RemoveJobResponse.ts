// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * RemoveJobResponse is empty; REST answers 204.
 */
export interface RemoveJobResponse {
}

/**
 * RemoveJobResponse is empty; REST answers 204.
 */
export interface RemoveJobResponse__Output {
}

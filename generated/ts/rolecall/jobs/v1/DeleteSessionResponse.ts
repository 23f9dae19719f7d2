// Original file: protos/rolecall/jobs/v1/jobs.proto


/**
 * DeleteSessionResponse is empty; REST answers 204.
 */
export interface DeleteSessionResponse {
}

/**
 * DeleteSessionResponse is empty; REST answers 204.
 */
export interface DeleteSessionResponse__Output {
}

// Original file: protos/rolecall/live/v1/live.proto


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

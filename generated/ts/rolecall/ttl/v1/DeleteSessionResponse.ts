// Original file: protos/rolecall/ttl/v1/ttl.proto


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

// Original file: protos/rolecall/failover/v1/failover.proto


/**
 * DeleteClientSessionResponse is empty.
 */
export interface DeleteClientSessionResponse {
}

/**
 * DeleteClientSessionResponse is empty.
 */
export interface DeleteClientSessionResponse__Output {
}

// Original file: protos/rolecall/ttl/v1/ttl.proto


/**
 * UpdateSessionResponse is empty; REST answers 204.
 */
export interface UpdateSessionResponse {
}

/**
 * UpdateSessionResponse is empty; REST answers 204.
 */
export interface UpdateSessionResponse__Output {
}

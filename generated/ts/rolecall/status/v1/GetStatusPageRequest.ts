// Original file: protos/rolecall/status/v1/status.proto


/**
 * GetStatusPageRequest is empty.
 */
export interface GetStatusPageRequest {
}

/**
 * GetStatusPageRequest is empty.
 */
export interface GetStatusPageRequest__Output {
}

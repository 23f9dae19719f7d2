// Original file: protos/rolecall/status/v1/status.proto


/**
 * ListApiDocumentsRequest is empty.
 */
export interface ListApiDocumentsRequest {
}

/**
 * ListApiDocumentsRequest is empty.
 */
export interface ListApiDocumentsRequest__Output {
}

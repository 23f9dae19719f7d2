// Original file: protos/rolecall/live/v1/live.proto


/**
 * ListSessionsRequest selects a page of live sessions.
 */
export interface ListSessionsRequest {
  /**
   * The number of sessions per page; 0 lists every session on one page. REST clients may use
   * MaxScale's `page[size]` query parameter instead, which the server reads from the raw path.
   */
  'page_size'?: (number);
  /**
   * The page to answer, counted from 0. REST clients may use `page[number]` instead.
   */
  'page_number'?: (number);
}

/**
 * ListSessionsRequest selects a page of live sessions.
 */
export interface ListSessionsRequest__Output {
  /**
   * The number of sessions per page; 0 lists every session on one page. REST clients may use
   * MaxScale's `page[size]` query parameter instead, which the server reads from the raw path.
   */
  'page_size': (number);
  /**
   * The page to answer, counted from 0. REST clients may use `page[number]` instead.
   */
  'page_number': (number);
}

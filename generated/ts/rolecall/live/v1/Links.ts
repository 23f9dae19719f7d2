// Original file: protos/rolecall/live/v1/live.proto


/**
 * Links holds a resource's absolute URL and, on a paginated list, the next page's.
 */
export interface Links {
  /**
   * The absolute URL of this resource or page. Named self_link because "self" cannot be a field
   * name in the generated Python.
   */
  'self_link'?: (string);
  /**
   * The absolute URL of the next page; absent on the last page and when the list is not paginated.
   */
  'next'?: (string);
  '_next'?: "next";
}

/**
 * Links holds a resource's absolute URL and, on a paginated list, the next page's.
 */
export interface Links__Output {
  /**
   * The absolute URL of this resource or page. Named self_link because "self" cannot be a field
   * name in the generated Python.
   */
  'self_link': (string);
  /**
   * The absolute URL of the next page; absent on the last page and when the list is not paginated.
   */
  'next'?: (string);
  '_next'?: "next";
}

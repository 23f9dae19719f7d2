// Original file: protos/rolecall/jobs/v1/jobs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';

/**
 * Search is a Freezer search document. An object matches when, for every key of every `match`
 * entry, the value found anywhere in the object (nested objects and lists included) equals the
 * entry's value, and no key of a `match_not` entry has the entry's value.
 */
export interface Search {
  /**
   * Key/value pairs that must all match.
   */
  'match'?: (_google_protobuf_Struct)[];
  /**
   * Key/value pairs none of which may match.
   */
  'match_not'?: (_google_protobuf_Struct)[];
}

/**
 * Search is a Freezer search document. An object matches when, for every key of every `match`
 * entry, the value found anywhere in the object (nested objects and lists included) equals the
 * entry's value, and no key of a `match_not` entry has the entry's value.
 */
export interface Search__Output {
  /**
   * Key/value pairs that must all match.
   */
  'match': (_google_protobuf_Struct__Output)[];
  /**
   * Key/value pairs none of which may match.
   */
  'match_not': (_google_protobuf_Struct__Output)[];
}

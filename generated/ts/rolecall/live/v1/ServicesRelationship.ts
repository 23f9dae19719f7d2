// Original file: protos/rolecall/live/v1/live.proto

import type { Links as _rolecall_live_v1_Links, Links__Output as _rolecall_live_v1_Links__Output } from '../../../rolecall/live/v1/Links';
import type { ResourceIdentifier as _rolecall_live_v1_ResourceIdentifier, ResourceIdentifier__Output as _rolecall_live_v1_ResourceIdentifier__Output } from '../../../rolecall/live/v1/ResourceIdentifier';

/**
 * ServicesRelationship names the rolecall service a session belongs to.
 */
export interface ServicesRelationship {
  /**
   * The link to the services collection.
   */
  'links'?: (_rolecall_live_v1_Links | null);
  /**
   * The service: one identifier whose type is "services".
   */
  'data'?: (_rolecall_live_v1_ResourceIdentifier)[];
}

/**
 * ServicesRelationship names the rolecall service a session belongs to.
 */
export interface ServicesRelationship__Output {
  /**
   * The link to the services collection.
   */
  'links': (_rolecall_live_v1_Links__Output | null);
  /**
   * The service: one identifier whose type is "services".
   */
  'data': (_rolecall_live_v1_ResourceIdentifier__Output)[];
}

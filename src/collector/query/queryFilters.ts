import type { Filters } from '../../protocol/queryRoutes.js';
import type { QueryFilters } from '../storage/Storage.js';

/** The filters of a validated querystring (its other parameters left out) as storage filters. */
export function queryFilters({ from, to, page, route, release, device, connection, browser }: Filters): QueryFilters {
  return { from, to, page, route, release, deviceClass: device, connection, browser };
}

import type { QueryFilters } from '../Storage.js';
import { sqlConditions } from './sqlConditions.js';

/**
 * The WHERE of a query over page views (`v`): the view filters on the view's own columns, the time
 * range on its start, and a route on any of its events. Fixed SQL fragments, every value a bound
 * parameter, as in filterClause.
 */
export function viewFilterClause(site: string, filters: QueryFilters): { where: string; params: unknown[] } {
  return sqlConditions([
    ['v.site = ?', site],
    ['v.started_at >= ?', filters.from],
    ['v.started_at < ?', filters.to],
    ['v.url = ?', filters.page],
    ['v.release = ?', filters.release],
    ['v.device_class = ?', filters.deviceClass],
    ['v.connection = ?', filters.connection],
    ['v.browser = ?', filters.browser],
    ['EXISTS (SELECT 1 FROM events e WHERE e.view_id = v.id AND e.route = ?)', filters.route],
  ]);
}

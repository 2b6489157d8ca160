import type { QueryFilters } from '../Storage.js';
import { addViewFilters } from './addViewFilters.js';
import { conditions } from './conditions.js';

/**
 * The WHERE of a query over page views (`v`): the view filters on the view's own columns, the time
 * range on its start, and a route on any of its events (one pass over the events, not one per
 * view: events are not indexed by view). Fixed SQL fragments, every value a bound parameter.
 */
export function viewFilterClause(site: string, filters: QueryFilters): { where: string; params: unknown[] } {
  const { add, where, params } = conditions();
  add('v.site = ?', site);
  add('v.started_at >= ?', filters.from);
  add('v.started_at < ?', filters.to);
  add('v.url = ?', filters.page);
  addViewFilters(add, filters);
  add('v.ref IN (SELECT e.view FROM events e WHERE e.route = ?)', filters.route);
  return { where: where(), params };
}

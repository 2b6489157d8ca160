import type { QueryFilters } from '../Storage.js';

/**
 * The WHERE of a query over page views (`v`): the view filters on the view's own columns, the time
 * range on its start, and a route on any of its events. Fixed SQL fragments, every value a bound
 * parameter, as in filterClause.
 */
export function viewFilterClause(site: string, filters: QueryFilters): { where: string; params: unknown[] } {
  const parts = ['v.site = ?'];
  const params: unknown[] = [site];
  const add = (fragment: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(fragment);
    params.push(value);
  };
  add('v.started_at >= ?', filters.from);
  add('v.started_at < ?', filters.to);
  add('v.url = ?', filters.page);
  add('v.release = ?', filters.release);
  add('v.device_class = ?', filters.deviceClass);
  add('v.connection = ?', filters.connection);
  add('v.browser = ?', filters.browser);
  add('EXISTS (SELECT 1 FROM events e WHERE e.view_id = v.id AND e.route = ?)', filters.route);
  return { where: parts.join(' AND '), params };
}

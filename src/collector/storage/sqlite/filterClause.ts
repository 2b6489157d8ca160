import type { QueryFilters } from '../Storage.js';

/** What the query API reads: events with the context of their page view. */
export const EVENTS_WITH_VIEWS = 'events e JOIN views v ON v.id = e.view_id AND v.site = e.site';

/**
 * The conditions of a query over `EVENTS_WITH_VIEWS`: fixed SQL fragments chosen by which
 * filters are set, every value a bound parameter. Nothing from a request is ever part of the SQL.
 */
export function filterClause(site: string, type: string, filters: QueryFilters): { where: string; params: unknown[] } {
  const parts = ['e.site = ?', 'e.type = ?'];
  const params: unknown[] = [site, type];
  const add = (fragment: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(fragment);
    params.push(value);
  };
  add('e.at >= ?', filters.from);
  add('e.at < ?', filters.to);
  add('e.route = ?', filters.route);
  add('v.url = ?', filters.page);
  add('v.release = ?', filters.release);
  add('v.device_class = ?', filters.deviceClass);
  add('v.connection = ?', filters.connection);
  add('v.browser = ?', filters.browser);
  return { where: parts.join(' AND '), params };
}

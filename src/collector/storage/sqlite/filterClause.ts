import type { QueryFilters } from '../Storage.js';
import { addViewFilters } from './addViewFilters.js';
import { conditions } from './conditions.js';

/**
 * The FROM and WHERE of a query over events: fixed SQL fragments chosen by which filters are set,
 * every value a bound parameter; nothing from a request is ever part of the SQL. Events are
 * joined to their page view (`v`) only when a filter or the query (`withViews`) needs it: the
 * join looks up a view for every event and took ~40% of a vitals query over 1M events.
 */
export function filterClause(
  site: string,
  type: string,
  filters: QueryFilters,
  { withViews = false }: { withViews?: boolean } = {},
): { from: string; where: string; params: unknown[] } {
  const { add, where, params } = conditions();
  add('e.site = ?', site);
  add('e.type = ?', type);
  add('e.at >= ?', filters.from);
  add('e.at < ?', filters.to);
  add('e.route = ?', filters.route);
  // A page is found by its id, which events carry (in the covering index), without their views.
  add('e.page IN (SELECT id FROM pages WHERE url = ?)', filters.page);
  const join = addViewFilters(add, filters) || withViews;
  return { from: join ? 'events e JOIN views v ON v.ref = e.view AND v.site = e.site' : 'events e', where: where(), params };
}

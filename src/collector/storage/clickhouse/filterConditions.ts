import type { QueryFilters } from '../Storage.js';
import { join, Sql, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

/** An event starts at most a day after its view (`millis` in protocol/beacon.ts): views outlive the cutoff by that. */
export const EVENT_OFFSET_MS = 86_400_000;

/** The view filters, as columns every row of the adapter carries. */
const VIEW_COLUMNS = [
  ['page', 'page'],
  ['release', 'release'],
  ['device_class', 'device'],
  ['connection', 'connection'],
  ['browser', 'browser'],
] as const;

export type Condition = [column: string, operator: '=' | '>=' | '<', value: string | number | undefined];

/** The AND of the conditions whose value is set; columns and operators are the adapter's, values quoted by `sql`. */
export function where(conditions: readonly Condition[]): Sql {
  const set = conditions.filter(([, , value]) => value !== undefined);
  return join(
    set.map(([column, operator, value]) => sql`${new Sql(column)} ${new Sql(operator)} ${value as string | number}`),
    ' AND ',
  );
}

/**
 * The WHERE of a query over rows with an event time (`events`, `frame_scripts`): the site, the
 * time range on the event's time and on retention's cutoff, the route of the event, the view filters.
 */
export function eventWhere(layout: TableLayout, site: string, filters: QueryFilters, cutoff: number, type?: string): Sql {
  const conditions = where([
    ['site', '=', site],
    ['type', '=', type],
    ['at', '>=', filters.from],
    ['at', '<', filters.to],
    ['at', '>=', cutoff],
    ['route', '=', filters.route],
    ...VIEW_COLUMNS.map(([column, filter]): Condition => [column, '=', filters[filter]]),
  ]);
  return filters.tag === undefined ? conditions : sql`${conditions} AND ${taggedViews(layout, site, filters.tag, cutoff)}`;
}

/**
 * A tag is a page view's, not its rows': a view whose later beacon set it has it. Tags are kept on
 * `views` only (`name:value` strings), so rows find theirs by view id.
 */
const taggedViews = (layout: TableLayout, site: string, tag: string, cutoff: number) =>
  sql`view_id IN (SELECT view_id FROM ${layout.table('views')} WHERE site = ${site} AND has(tags, ${tag}) AND started_at >= ${cutoff - EVENT_OFFSET_MS})`;

/** The WHERE of a query over `views`: the time range on the view's start, a route on any of its events. */
export function viewWhere(layout: TableLayout, site: string, filters: QueryFilters, cutoff: number): Sql {
  const conditions = where([
    ['site', '=', site],
    ['started_at', '>=', filters.from],
    ['started_at', '<', filters.to],
    ['started_at', '>=', cutoff - EVENT_OFFSET_MS],
    ...VIEW_COLUMNS.map(([column, filter]): Condition => [column, '=', filters[filter]]),
  ]);
  const tagged = filters.tag === undefined ? conditions : sql`${conditions} AND ${taggedViews(layout, site, filters.tag, cutoff)}`;
  if (filters.route === undefined) return tagged;
  return sql`${tagged} AND view_id IN (SELECT view_id FROM ${layout.table('events')} WHERE ${eventWhere(layout, site, { route: filters.route }, cutoff)})`;
}

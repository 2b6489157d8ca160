import type { HistogramBin, QueryFilters, ReleaseSpan } from '../Storage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { EVENT_OFFSET_MS, eventWhere } from './filterConditions.js';
import { Sql, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

/**
 * The query API's distributions, with SQLite's answers (prepareDistributionQueries.ts):
 * histograms of a vital's values or a measure's durations, and releases with the first and
 * latest page view seen with each.
 */
export function clickHouseDistributionQueries(clickhouse: ClickHouse, layout: TableLayout, cutoff: () => number) {
  const events = layout.table('events');

  // Values are never negative, so floor is SQLite's CAST to INTEGER; the last bin takes the tail.
  const histogram = (site: string, type: 'vital' | 'measure', column: 'value' | 'duration', name: string, width: number, bins: number, filters: QueryFilters) =>
    clickhouse.query<HistogramBin>(
      sql`SELECT bin * ${width} AS start, count FROM (
            SELECT least(toInt64(floor(assumeNotNull(${new Sql(column)}) / ${width})), ${bins - 1}) AS bin, count() AS count FROM ${events}
             WHERE ${eventWhere(layout, site, filters, cutoff(), type)} AND name = ${name} AND ${new Sql(column)} IS NOT NULL
             GROUP BY bin)
           ORDER BY start`,
    );

  return {
    vitalHistogram: (site: string, vital: string, width: number, bins: number, filters: QueryFilters) =>
      histogram(site, 'vital', 'value', vital, width, bins, filters),
    measureHistogram: (site: string, measure: string, width: number, bins: number, filters: QueryFilters) =>
      histogram(site, 'measure', 'duration', measure, width, bins, filters),

    // A view has a row per beacon: its start is the same in each, so views are counted by id.
    releases: (site: string, limit: number) =>
      clickhouse.query<ReleaseSpan>(
        sql`SELECT r AS release, firstSeen, lastSeen, views FROM (
              SELECT assumeNotNull(release) AS r, min(started_at) AS firstSeen, max(started_at) AS lastSeen, uniqExact(view_id) AS views
                FROM ${layout.table('views')} WHERE site = ${site} AND release IS NOT NULL AND started_at >= ${cutoff() - EVENT_OFFSET_MS}
               GROUP BY r)
             ORDER BY firstSeen DESC, release LIMIT ${limit}`,
      ),
  };
}

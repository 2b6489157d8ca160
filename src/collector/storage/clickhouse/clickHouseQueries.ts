import type {
  Facets,
  FrameScriptSummary,
  MeasureDistribution,
  PageSummary,
  QueryFilters,
  SlowInteraction,
  TimeBucket,
  ViewSummary,
  VitalSummary,
} from '../Storage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { eventWhere, viewWhere } from './filterConditions.js';
import { percentiles } from './percentiles.js';
import { Sql, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

/** Values offered per filter: a filter bar's list, not a report (as SQLite's). */
const FACET_LIMIT = 100;
const FACETS: [keyof Facets, string][] = [
  ['pages', 'page'],
  ['releases', 'release'],
  ['devices', 'device_class'],
  ['browsers', 'browser'],
  ['connections', 'connection'],
  ['tags', 'arrayJoin(tags)'],
];

/**
 * The read side: the same answers as SQLite's prepareQueries, exactly (percentiles interpolated
 * as `percentile_cont`, sums of every script). `cutoff()` is retention's newest cutoff: rows
 * before it are no longer counted, though their day's partition may not be dropped yet.
 */
export function clickHouseQueries(clickhouse: ClickHouse, layout: TableLayout, cutoff: () => number) {
  const events = layout.table('events');
  const views = layout.table('views');
  const { sorted, p50, p75, p95 } = percentiles('x');
  const distribution = sql`count() AS count, ${sorted}, ${p50} AS p50, ${p75} AS p75, ${p95} AS p95`;

  return {
    // The newest views are found first (a view's rows share its start), so that only their rows are grouped.
    recentViews: (site: string, filters: QueryFilters, limit: number) => {
      const where = viewWhere(layout, site, filters, cutoff());
      return clickhouse.query<ViewSummary>(
        // Filtered in a subquery of its own: an alias named as a column (`release`) would stand for it in WHERE.
        sql`SELECT view_id AS id, any(session) AS session, any(page) AS url, any(r) AS release, any(b) AS browser,
                   any(d) AS deviceClass, any(c) AS connection, min(started_at) AS startedAt, sum(events) AS events
              FROM (SELECT view_id, session, page, release AS r, browser AS b, device_class AS d, connection AS c, started_at, events
                      FROM ${views} WHERE ${where} AND view_id IN (
                        SELECT view_id FROM ${views} WHERE ${where} ORDER BY started_at DESC, view_id LIMIT 1 BY view_id LIMIT ${limit}))
             GROUP BY view_id ORDER BY startedAt DESC, id LIMIT ${limit}`,
      );
    },

    // Each filter's values by their latest view, newest first, so the current release leads.
    facets: async (site: string, { from, to }: QueryFilters): Promise<Facets> => {
      const where = viewWhere(layout, site, { from, to }, cutoff());
      const lists = await Promise.all(
        FACETS.map(async ([, column]) => {
          const value = new Sql(column);
          const rows = await clickhouse.query<{ value: string }>(
            sql`SELECT ${value} AS value FROM ${views} WHERE ${where} AND ${value} IS NOT NULL
                 GROUP BY value ORDER BY max(started_at) DESC, value LIMIT ${FACET_LIMIT}`,
          );
          return rows.map((row) => row.value);
        }),
      );
      return Object.fromEntries(FACETS.map(([key], i) => [key, lists[i] ?? []])) as unknown as Facets;
    },

    measureDistributions: (site: string, filters: QueryFilters) =>
      clickhouse.query<MeasureDistribution>(
        sql`SELECT name, count, p50, p75, p95 FROM (
              SELECT name, ${distribution} FROM (SELECT name, assumeNotNull(duration) AS x FROM ${events}
                WHERE ${eventWhere(layout, site, filters, cutoff(), 'measure')} AND duration IS NOT NULL)
              GROUP BY name) ORDER BY name`,
      ),

    vitals: (site: string, filters: QueryFilters) =>
      clickhouse.query<VitalSummary>(
        // Shares weighted by each value's page view (viewWeight.ts), as SQLite's.
        sql`SELECT name, count, p50, p75, p95, weighted, good / weighted AS good, needsImprovement / weighted AS needsImprovement, poor / weighted AS poor FROM (
              SELECT name, ${distribution}, sum(w) AS weighted, sumIf(w, rating = 'good') AS good, sumIf(w, rating = 'needs-improvement') AS needsImprovement,
                     sumIf(w, rating = 'poor') AS poor
                FROM (SELECT name, assumeNotNull(value) AS x, rating, weight AS w FROM ${events} WHERE ${eventWhere(layout, site, filters, cutoff(), 'vital')} AND value IS NOT NULL)
               GROUP BY name) ORDER BY name`,
      ),

    vitalSeries: (site: string, vital: string, bucketMs: number, filters: QueryFilters) =>
      clickhouse.query<TimeBucket>(
        sql`SELECT at, count, p50, p75, p95 FROM (
              SELECT bucket * ${bucketMs} AS at, ${distribution}
                FROM (SELECT intDiv(at, ${bucketMs}) AS bucket, assumeNotNull(value) AS x FROM ${events}
                       WHERE ${eventWhere(layout, site, filters, cutoff(), 'vital')} AND name = ${vital} AND value IS NOT NULL)
               GROUP BY bucket) ORDER BY at`,
      ),

    // A page's views are those that started in the range; its vitals' p75 come from the events.
    pages: async (site: string, filters: QueryFilters, limit: number): Promise<PageSummary[]> => {
      const { sorted: sortedValues, p75: p75Value } = percentiles('x');
      const [counts, vitals] = await Promise.all([
        // A view is the group of its beacons' rows: its weight once.
        clickhouse.query<{ url: string; views: number; weightedViews: number }>(
          sql`SELECT url, count() AS views, sum(w) AS weightedViews
                FROM (SELECT page AS url, view_id, any(weight) AS w FROM ${views} WHERE ${viewWhere(layout, site, filters, cutoff())} GROUP BY url, view_id)
               GROUP BY url ORDER BY views DESC, url LIMIT ${limit}`,
        ),
        clickhouse.query<{ url: string; name: 'LCP' | 'INP' | 'CLS'; p75: number }>(
          sql`SELECT url, name, p75 FROM (
                SELECT url, name, ${sortedValues}, ${p75Value} AS p75
                  FROM (SELECT page AS url, name, assumeNotNull(value) AS x FROM ${events}
                         WHERE ${eventWhere(layout, site, filters, cutoff(), 'vital')} AND name IN ('LCP', 'INP', 'CLS') AND value IS NOT NULL)
                 GROUP BY url, name)`,
        ),
      ]);
      const byPage = new Map(
        counts.map(({ url, views, weightedViews }): [string, PageSummary] => [url, { url, views, weightedViews, LCP: null, INP: null, CLS: null }]),
      );
      for (const { url, name, p75 } of vitals) {
        const page = byPage.get(url);
        if (page) page[name] = p75;
      }
      return [...byPage.values()];
    },

    slowestInteractions: async (site: string, filters: QueryFilters, limit: number) => {
      const rows = await clickhouse.query<Omit<SlowInteraction, 'attribution'> & { data: string | null }>(
        sql`SELECT view_id AS viewId, name, page AS url, release, route, at, assumeNotNull(duration) AS duration, data FROM ${events}
             WHERE ${eventWhere(layout, site, filters, cutoff(), 'interaction')} AND duration IS NOT NULL
             ORDER BY duration DESC, at, viewId LIMIT ${limit}`,
      );
      return rows.map(({ data, ...row }): SlowInteraction => ({ ...row, attribution: data ? (JSON.parse(data) as Record<string, unknown>) : {} }));
    },

    frameScripts: (site: string, filters: QueryFilters, limit: number) =>
      clickhouse.query<FrameScriptSummary>(
        sql`SELECT url, fn, invoker, invoker_type AS invokerType, count() AS count, sum(duration) AS total, max(duration) AS max
              FROM ${layout.table('frame_scripts')} WHERE ${eventWhere(layout, site, filters, cutoff())}
             GROUP BY url, fn, invoker, invokerType ORDER BY total DESC, url, fn, invoker LIMIT ${limit}`,
      ),
  };
}

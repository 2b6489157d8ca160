import type Database from 'better-sqlite3';
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
import { HOUR_MS, hourRanges } from '../hourRanges.js';
import { measuresFromSummaries, pagesFromSummaries, seriesFromSummaries, vitalsFromSummaries } from '../histograms/answersFromSummaries.js';
import { summaryFacet } from '../histograms/summaryFacets.js';
import { hasViewFilters } from './addViewFilters.js';
import { filterClause } from './filterClause.js';
import { prepareSummaryReads, type QueryOptions } from './prepareSummaryReads.js';
import { percentiles, statementCache } from './statementCache.js';
import { viewFilterClause } from './viewFilterClause.js';

/** Values offered per filter: a filter bar's list, not a report. */
const FACET_LIMIT = 100;
/** The filter bar's lists: the answer's key, the facet's name in `facet_values`, the views column. */
/** Each facet: its key in the answer, its name in `facet_values`, its value in a view (`v`, joined to what `join` adds). */
const FACETS: [keyof Facets, string, string, string?][] = [
  ['pages', 'page', 'v.url'],
  ['releases', 'release', 'v.release'],
  ['devices', 'device', 'v.device_class'],
  ['browsers', 'browser', 'v.browser'],
  ['connections', 'connection', 'v.connection'],
  ['tags', 'tag', "t.key || ':' || t.value", ", json_each(v.context, '$.tags') t"],
];

/** The vitals a page's row shows. */
const PAGE_VITALS = ['LCP', 'INP', 'CLS'];

/**
 * The read side of the SQLite adapter: the overview's queries (prepareDetailQueries.ts has the
 * rest). Vitals, their trends, pages and measures over more than `exactUpTo` values come from the
 * hourly summaries where a query has at most one view filter and no route (summaryFacets.ts).
 */
export function prepareQueries(db: Database.Database, options: QueryOptions = {}) {
  const { all } = statementCache(db);
  const { fromSummaries, viewsPerPage } = prepareSummaryReads(db, options);

  return {
    recentViews: (site: string, filters: QueryFilters, limit: number) => {
      const filter = viewFilterClause(site, filters);
      return all<ViewSummary>(
        `SELECT v.id, v.session, v.url, v.release, v.browser, v.device_class AS deviceClass, v.connection, v.started_at AS startedAt, v.events
           FROM views v WHERE ${filter.where} ORDER BY v.started_at DESC LIMIT ?`,
        [...filter.params, limit],
      );
    },

    // Each filter's values by their latest view, newest first, so the current release leads. Since a
    // time they are kept as views arrive (`facet_values`); a range with an end scans its views.
    facets: (site: string, { from, to }: QueryFilters): Facets => {
      const filter = viewFilterClause(site, { from, to });
      const values = (facet: string, column: string, join = '') =>
        (to === undefined
          ? all<{ value: string }>(
              `SELECT value FROM facet_values WHERE site = ? AND facet = ? AND last_seen >= ? ORDER BY last_seen DESC LIMIT ${FACET_LIMIT}`,
              [site, facet, from ?? 0],
            )
          : all<{ value: string }>(
              `SELECT ${column} AS value FROM views v${join} WHERE ${filter.where} AND ${column} IS NOT NULL
                GROUP BY ${column} ORDER BY max(v.started_at) DESC LIMIT ${FACET_LIMIT}`,
              filter.params,
            )
        ).map((row) => row.value);
      return Object.fromEntries(FACETS.map(([key, facet, column, join]) => [key, values(facet, column, join)])) as Record<keyof Facets, string[]>;
    },

    measureDistributions: (site: string, filters: QueryFilters) => {
      const summaries = fromSummaries(
        site,
        filters,
        (facet) => ({ metric: 'measure', ...facet }),
        ({ name }) => name,
      );
      if (summaries) return measuresFromSummaries(summaries.byKey);
      const filter = filterClause(site, 'measure', filters);
      return all<MeasureDistribution>(
        `SELECT e.name, count(*) AS count, ${percentiles('e.duration')} FROM ${filter.from} WHERE ${filter.where} GROUP BY e.name ORDER BY e.name`,
        filter.params,
      );
    },

    vitals: (site: string, filters: QueryFilters) => {
      const summaries = fromSummaries(
        site,
        filters,
        (facet) => ({ metric: 'vital', ...facet }),
        ({ name }) => name,
      );
      if (summaries) return vitalsFromSummaries(summaries.byKey);
      const filter = filterClause(site, 'vital', filters);
      // Weighted by each value's page view (viewWeight): the share of the page views they stand for.
      const share = (rating: string) => `sum(e.weight * (e.rating = '${rating}')) / sum(e.weight)`;
      return all<VitalSummary>(
        `SELECT e.name, count(*) AS count, ${percentiles('e.value')}, sum(e.weight) AS weighted,
                ${share('good')} AS good, ${share('needs-improvement')} AS needsImprovement, ${share('poor')} AS poor
           FROM ${filter.from} WHERE ${filter.where} GROUP BY e.name ORDER BY e.name`,
        filter.params,
      );
    },

    // Buckets of whole hours can be made of the hourly summaries.
    vitalSeries: (site: string, vital: string, bucketMs: number, filters: QueryFilters) => {
      const summaries = fromSummaries(
        site,
        filters,
        (facet) => (bucketMs % HOUR_MS === 0 ? { metric: 'vital', ...facet, names: [vital], byHour: true } : undefined),
        ({ at }) => Math.floor(at / bucketMs) * bucketMs,
      );
      if (summaries) return seriesFromSummaries(summaries.byKey);
      const filter = filterClause(site, 'vital', filters);
      return all<TimeBucket>(
        `SELECT CAST(e.at / ? AS INTEGER) * ? AS at, count(*) AS count, ${percentiles('e.value')}
           FROM ${filter.from} WHERE ${filter.where} AND e.name = ? GROUP BY 1 ORDER BY 1`,
        [bucketMs, bucketMs, ...filter.params, vital],
      );
    },

    // A page's views are those that started in the range (the views table, as recentViews counts
    // them); its vitals' p75 come from the events, grouped by the page id they carry. Counting
    // distinct views among a page's vital events instead took 60% of this query over 1M events.
    pages: (site: string, filters: QueryFilters, limit: number) => {
      // Every page's summaries, or one page's.
      const summarized = summaryFacet(filters);
      const page = summarized?.facet === 'page' ? summarized.value : undefined;
      const summaries = fromSummaries(
        site,
        filters,
        ({ facet }) => (facet === '' || facet === 'page' ? { metric: 'vital', facet: 'page', value: page, names: PAGE_VITALS } : undefined),
        ({ name, value }) => JSON.stringify([value, name]),
      );
      if (summaries) return pagesFromSummaries(viewsPerPage(site, page, filters), summaries.byKey, limit);
      const views = viewFilterClause(site, filters);
      const vitals = filterClause(site, 'vital', filters);
      const p75 = (vital: string) => `percentile_cont(e.value, 0.75) FILTER (WHERE e.name = '${vital}') AS ${vital}`;
      return all<PageSummary>(
        `WITH counts AS (SELECT v.page, count(*) AS views, sum(v.weight) AS weightedViews FROM views v WHERE ${views.where} GROUP BY v.page),
              vitals AS (SELECT e.page, ${p75('LCP')}, ${p75('INP')}, ${p75('CLS')}
                           FROM ${vitals.from} WHERE ${vitals.where} AND e.name IN ('LCP', 'INP', 'CLS') GROUP BY e.page)
         SELECT p.url, counts.views, counts.weightedViews, vitals.LCP, vitals.INP, vitals.CLS
           FROM counts JOIN pages p ON p.id = counts.page LEFT JOIN vitals ON vitals.page = counts.page
          ORDER BY counts.views DESC, p.url LIMIT ?`,
        [...views.params, ...vitals.params, limit],
      );
    },

    // The type spelled out as well: the index of interactions by duration (migration 17) is partial.
    // Ties go as it holds them, by time (as on ClickHouse), so that it is read in order, LIMIT rows.
    slowestInteractions: (site: string, filters: QueryFilters, limit: number) => {
      const filter = filterClause(site, 'interaction', filters, { withViews: true });
      return all<Omit<SlowInteraction, 'attribution'> & { data: string | null }>(
        `SELECT v.id AS viewId, e.name, v.url, v.release, e.route, e.at, e.duration, e.data
           FROM ${filter.from} WHERE ${filter.where} AND e.type = 'interaction' ORDER BY e.duration DESC, e.at, e.page, e.rowid LIMIT ?`,
        [...filter.params, limit],
      ).map(({ data, ...row }): SlowInteraction => ({ ...row, attribution: data ? (JSON.parse(data) as Record<string, unknown>) : {} }));
    },

    frameScripts: (site: string, filters: QueryFilters, limit: number) => {
      // The hourly sums serve the whole hours of a range, by site or by one release; the partial
      // hours at its ends, and every other filter, read the events.
      const { release, ...others } = filters;
      if (others.route === undefined && others.page === undefined && !hasViewFilters(others)) {
        const { hours, edges } = hourRanges(filters.from, filters.to);
        const [sumsOfRelease, eventsOfRelease, releaseParams] =
          release === undefined ? ['', '', []] : [' AND release = ?', ' JOIN views v ON v.ref = e.view AND v.release = ?', [release]];
        // Only the edges that hold time: an empty one in an OR made SQLite read every long frame's index entry.
        const cut = edges.filter(([from, to]) => from < to);
        const ofEdges = cut.map(
          () => `
             UNION ALL
             SELECT s.value ->> '$.url', s.value ->> '$.fn', s.value ->> '$.invoker', s.value ->> '$.invokerType', 1,
                    s.value ->> '$.duration', s.value ->> '$.duration'
               FROM events e${eventsOfRelease}, json_each(e.data, '$.scripts') s
              WHERE e.site = ? AND e.type = 'loaf' AND e.at >= ? AND e.at < ?`,
        );
        return all<FrameScriptSummary>(
          `WITH parts (url, fn, invoker, invokerType, count, total, max) AS (
             SELECT url, fn, invoker, invoker_type, count, total, max FROM frame_script_hours WHERE site = ? AND hour >= ? AND hour < ?${sumsOfRelease}${ofEdges.join('')})
           SELECT url, fn, invoker, invokerType, sum(count) AS count, sum(total) AS total, max(max) AS max
             FROM parts GROUP BY 1, 2, 3, 4 ORDER BY total DESC, 1, 2, 3 LIMIT ?`,
          [site, ...hours, ...releaseParams, ...cut.flatMap((edge) => [...releaseParams, site, ...edge]), limit],
        );
      }
      const filter = filterClause(site, 'loaf', filters);
      return all<FrameScriptSummary>(
        `SELECT s.value ->> '$.url' AS url, s.value ->> '$.fn' AS fn, s.value ->> '$.invoker' AS invoker,
                s.value ->> '$.invokerType' AS invokerType, count(*) AS count,
                sum(s.value ->> '$.duration') AS total, max(s.value ->> '$.duration') AS max
           FROM ${filter.from}, json_each(e.data, '$.scripts') s WHERE ${filter.where}
          GROUP BY 1, 2, 3, 4 ORDER BY total DESC, 1, 2, 3 LIMIT ?`,
        [...filter.params, limit],
      );
    },
  };
}

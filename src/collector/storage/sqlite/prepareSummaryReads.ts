import type Database from 'better-sqlite3';
import { HOUR_MS, hourRanges } from '../hourRanges.js';
import type { PageViews } from '../histograms/answersFromSummaries.js';
import { summaryFacet, type SummaryFacet } from '../histograms/summaryFacets.js';
import { valueSummaries } from '../histograms/valueSummaries.js';
import type { QueryFilters } from '../Storage.js';
import { filterClause } from './filterClause.js';
import { eachBucket } from './histogramBlob.js';
import { registerHistogram } from './registerHistogram.js';
import { statementCache } from './statementCache.js';

/** Where a value comes from: its vital's or measure's name, its facet's value (a page's URL), when (epoch ms; an hour's start for a summary, the first hour's where hours are merged). */
export interface ValueOrigin {
  name: string;
  value: string;
  at: number;
}

/** Which values a query reads: a metric's, under one facet (a value of it, or every value), of some names or all. */
export interface ValueSelection {
  metric: 'vital' | 'measure';
  facet: string;
  value?: string;
  names?: readonly string[];
  /**
   * The keys tell hours apart (a series' buckets). Otherwise SQL merges a name's and value's hours
   * into one row, and `keyOf` sees the first hour's start: turning 10,000 stored rows into objects
   * and Buffers took 50 ms of the pages' 7 days at 10M events, merged in SQL 19.
   */
  byHour?: boolean;
}

export interface QueryOptions {
  /**
   * How many values a percentile query sorts before it reads the hourly summaries instead
   * (prepareValueHours.ts), whose percentiles are within 1% and marked approximate.
   */
  exactUpTo?: number;
}

/**
 * Reads the hourly value summaries (prepareValueHours.ts) of a range's whole hours, and the raw
 * values of the hours cut at its ends, into value summaries keyed by `keyOf` (null leaves a value
 * out). `value` undefined takes every value of the facet (the pages' table).
 */
export function prepareSummaryReads(db: Database.Database, { exactUpTo = 100_000 }: QueryOptions = {}) {
  const { all } = statementCache(db);
  registerHistogram(db);
  const readValues = <K>(
    site: string,
    { metric, facet, value, names, byHour }: ValueSelection,
    filters: QueryFilters,
    keyOf: (origin: ValueOrigin) => K | null,
  ) => {
    const summaries = valueSummaries<K>();
    const { hours, edges } = hourRanges(filters.from, filters.to);
    // The events' index leads with the name: a range of times is found name by name.
    const named =
      names ??
      all<{ name: string }>("SELECT DISTINCT name FROM value_hours WHERE site = ? AND metric = ? AND facet = ''", [site, metric]).map((row) => row.name);
    const ofNames = (column: string) => ` AND ${column} IN (${named.map(() => '?').join(', ')})`;
    const ofValue = value === undefined ? '' : ' AND value = ?';
    const rows = all<{ name: string; value: string; hour: number; weighted: number; good: number; needs: number; poor: number; histogram: Buffer }>(
      byHour
        ? `SELECT name, value, hour, weighted, good, needs, poor, histogram FROM value_hours
            WHERE site = ? AND metric = ? AND facet = ?${ofValue}${ofNames('name')} AND hour >= ? AND hour < ?`
        : `SELECT name, value, min(hour) AS hour, sum(weighted) AS weighted, sum(good) AS good, sum(needs) AS needs, sum(poor) AS poor,
                  pageprof_merged_histogram(histogram) AS histogram FROM value_hours
            WHERE site = ? AND metric = ? AND facet = ?${ofValue}${ofNames('name')} AND hour >= ? AND hour < ? GROUP BY name, value`,
      [site, metric, facet, ...(value === undefined ? [] : [value]), ...named, ...hours],
    );
    for (const row of rows) {
      const key = keyOf({ name: row.name, value: row.value, at: row.hour * HOUR_MS });
      if (key === null) continue;
      eachBucket(row.histogram, (bucket, count) => summaries.addBucket(key, bucket, count));
      summaries.addWeight(key, row.weighted);
      summaries.addRating(key, 'good', row.good);
      summaries.addRating(key, 'needs-improvement', row.needs);
      summaries.addRating(key, 'poor', row.poor);
    }
    for (const [from, to] of edges) {
      if (from >= to) continue;
      const filter = filterClause(site, metric, { ...filters, from, to });
      const column = metric === 'vital' ? 'e.value' : 'e.duration';
      const raw = all<{ name: string; url: string; at: number; x: number; rating: string | null; weight: number }>(
        `SELECT e.name, (SELECT url FROM pages WHERE id = e.page) AS url, e.at, ${column} AS x, e.rating, e.weight FROM ${filter.from}
          WHERE ${filter.where}${ofNames('e.name')} AND ${column} IS NOT NULL`,
        [...filter.params, ...named],
      );
      for (const row of raw) {
        const key = keyOf({ name: row.name, value: row.url, at: row.at });
        if (key !== null) summaries.addValue(key, row.x, row.rating, row.weight);
      }
    }
    return summaries;
  };

  /** Page views that started in the range, per page: the summaries' counts of whole hours, the views of the hours cut at the ends. */
  const viewsPerPage = (site: string, page: string | undefined, filters: QueryFilters): Map<string, PageViews> => {
    const { hours, edges } = hourRanges(filters.from, filters.to);
    const ofPage = page === undefined ? '' : ' AND value = ?';
    const counts = new Map<string, PageViews>();
    const add = ({ url, views, weightedViews }: PageViews & { url: string }) => {
      const counted = counts.get(url);
      if (counted) {
        counted.views += views;
        counted.weightedViews += weightedViews;
      } else counts.set(url, { views, weightedViews });
    };
    for (const row of all<PageViews & { url: string }>(
      `SELECT value AS url, sum(count) AS views, sum(weighted) AS weightedViews FROM value_hours WHERE site = ? AND metric = 'view' AND facet = 'page'${ofPage} AND hour >= ? AND hour < ? GROUP BY value`,
      [site, ...(page === undefined ? [] : [page]), ...hours],
    )) {
      add(row);
    }
    for (const [from, to] of edges) {
      if (from >= to) continue;
      for (const row of all<PageViews & { url: string }>(
        `SELECT url, count(*) AS views, sum(weight) AS weightedViews FROM views WHERE site = ?${page === undefined ? '' : ' AND url = ?'} AND started_at >= ? AND started_at < ? GROUP BY url`,
        [site, ...(page === undefined ? [] : [page]), from, to],
      )) {
        add(row);
      }
    }
    return counts;
  };

  /**
   * A query's summaries, where its filters are ones the summaries are kept for (summaryFacets.ts)
   * and `select` takes that facet, and they hold more than `exactUpTo` values; otherwise undefined,
   * and the query reads the events, exactly.
   */
  const fromSummaries = <K>(
    site: string,
    filters: QueryFilters,
    select: (facet: SummaryFacet) => ValueSelection | undefined,
    keyOf: (origin: ValueOrigin) => K | null,
  ) => {
    const facet = summaryFacet(filters);
    const selection = facet && select(facet);
    if (!selection) return undefined;
    const summaries = readValues(site, selection, filters, keyOf);
    return summaries.total() > exactUpTo ? summaries : undefined;
  };

  return { fromSummaries, viewsPerPage };
}

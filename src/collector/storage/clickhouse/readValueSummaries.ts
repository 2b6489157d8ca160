import { hourRanges } from '../hourRanges.js';
import type { SummaryFacet } from '../histograms/summaryFacets.js';
import { valueSummaries } from '../histograms/valueSummaries.js';
import type { QueryFilters } from '../Storage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { eventWhere } from './filterConditions.js';
import { list, Sql, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

/** How one query groups the values: the key as SQL over `value_hours` (`name`, `hour`, `value`), and as JS over a raw value. */
export interface ValueGrouping<K, S> {
  summaryKey: Sql;
  /** The key of a summary row's `k`. */
  ofSummary(k: S): K;
  /** The key of a raw value; null leaves it out. */
  ofValue(value: { name: string; page: string; at: number }): K | null;
  /** Only these vitals or measures. */
  names?: readonly string[];
}

/**
 * The value summaries of a query (valueSummaries.ts): `value_hours` (migration 8) for the whole
 * hours of its range, grouped by the query's key in ClickHouse so that few rows travel, and the raw
 * values of the hours cut at its ends. `facet.value` undefined takes every value of the facet.
 */
export async function readValueSummaries<K, S>(
  clickhouse: ClickHouse,
  layout: TableLayout,
  {
    site,
    metric,
    facet,
    filters,
    cutoff,
  }: { site: string; metric: 'vital' | 'measure'; facet: { facet: SummaryFacet['facet']; value?: string }; filters: QueryFilters; cutoff: number },
  grouping: ValueGrouping<K, S>,
) {
  const summaries = valueSummaries<K>();
  // Retention's cutoff starts the range where it is later than the query's start: the hour it cuts is read from the events.
  const from = cutoff > (filters.from ?? 0) ? cutoff : filters.from;
  const { hours, edges } = hourRanges(from, filters.to);
  const ofNames = grouping.names === undefined ? sql`1` : sql`name IN ${list(grouping.names)}`;
  const ofValue = facet.value === undefined ? sql`1` : sql`facet_value = ${facet.value}`;
  const column = new Sql(metric === 'vital' ? 'value' : 'duration');
  const [rows, ...raw] = await Promise.all([
    hours[0] >= hours[1]
      ? []
      : clickhouse.query<{ k: S; rating: string; bucket: number; n: number; w: number }>(
          sql`SELECT ${grouping.summaryKey} AS k, value_rating AS rating, bucket, sum(count) AS n, sum(weighted) AS w FROM ${layout.table('value_hours')}
               WHERE site = ${site} AND metric = ${metric} AND facet = ${facet.facet} AND ${ofValue} AND ${ofNames} AND hour >= ${hours[0]} AND hour < ${hours[1]}
               GROUP BY k, rating, bucket HAVING n != 0`,
        ),
    ...edges
      .filter(([from, to]) => from < to)
      .map(([from, to]) =>
        clickhouse.query<{ name: string; page: string; at: number; x: number; rating: string | null; weight: number }>(
          sql`SELECT name, page, at, assumeNotNull(${column}) AS x, rating, weight FROM ${layout.table('events')}
               WHERE ${eventWhere(layout, site, { ...filters, from, to }, cutoff, metric)} AND ${ofNames} AND isNotNull(${column})`,
        ),
      ),
  ]);
  for (const row of rows) {
    const key = grouping.ofSummary(row.k);
    summaries.addBucket(key, row.bucket, row.n);
    summaries.addWeight(key, row.w);
    summaries.addRating(key, row.rating, row.w);
  }
  for (const row of raw.flat()) {
    const key = grouping.ofValue(row);
    if (key !== null) summaries.addValue(key, row.x, row.rating, row.weight);
  }
  return summaries;
}

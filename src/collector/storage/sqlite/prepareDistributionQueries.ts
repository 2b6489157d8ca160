import type Database from 'better-sqlite3';
import type { HistogramBin, QueryFilters, ReleaseSpan } from '../Storage.js';
import { binsFromSummary } from '../histograms/answersFromSummaries.js';
import { filterClause } from './filterClause.js';
import type { QueryOptions } from './prepareSummaryReads.js';
import { prepareSummaryReads } from './prepareSummaryReads.js';
import { statementCache } from './statementCache.js';

/**
 * The query API's distributions on SQLite: histograms of a vital's values or a measure's
 * durations (read from the covering index alone, as the percentiles are), and releases with the
 * first and latest page view seen with each. Fixed SQL fragments, every value a bound parameter.
 */
export function prepareDistributionQueries(db: Database.Database, options: QueryOptions = {}) {
  const { all } = statementCache(db);
  const { fromSummaries } = prepareSummaryReads(db, options);

  // Values are never negative, so CAST truncates to the bin's index; the last bin takes the tail.
  const histogram = (site: string, type: 'vital' | 'measure', column: string, name: string, width: number, bins: number, filters: QueryFilters) => {
    const summaries = fromSummaries(
      site,
      filters,
      (facet) => ({ metric: type, ...facet, names: [name] }),
      () => name,
    );
    if (summaries) return binsFromSummary(summaries.byKey.get(name), width, bins);
    const filter = filterClause(site, type, filters);
    return all<HistogramBin>(
      `SELECT min(CAST(${column} / ? AS INTEGER), ? - 1) * ? AS start, count(*) AS count
         FROM ${filter.from} WHERE ${filter.where} AND e.name = ? GROUP BY 1 ORDER BY 1`,
      [width, bins, width, ...filter.params, name],
    );
  };

  return {
    vitalHistogram: (site: string, vital: string, width: number, bins: number, filters: QueryFilters) =>
      histogram(site, 'vital', 'e.value', vital, width, bins, filters),
    measureHistogram: (site: string, measure: string, width: number, bins: number, filters: QueryFilters) =>
      histogram(site, 'measure', 'e.duration', measure, width, bins, filters),

    releases: (site: string, limit: number) =>
      all<ReleaseSpan>(
        `SELECT release, first_seen AS firstSeen, last_seen AS lastSeen, views FROM release_spans
          WHERE site = ? ORDER BY firstSeen DESC, release LIMIT ?`,
        [site, limit],
      ),
  };
}

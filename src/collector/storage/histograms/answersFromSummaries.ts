import type { HistogramBin, MeasureDistribution, PageSummary, TimeBucket, VitalSummary } from '../Storage.js';
import { bucketValue } from './histogramBucket.js';
import { summaryPercentiles, type ValueSummary } from './valueSummaries.js';

/**
 * The overview's answers from value summaries (valueSummaries.ts), in the query API's shapes:
 * exact counts and rating shares, percentiles from histograms, marked approximate.
 */
const byName = <T>(summaries: Map<string, T>) => [...summaries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export const vitalsFromSummaries = (summaries: Map<string, ValueSummary>): VitalSummary[] =>
  byName(summaries).flatMap(([name, summary]) => {
    const percentiles = summaryPercentiles(summary);
    if (!percentiles) return [];
    const share = (weighted: number) => weighted / summary.weighted;
    return [
      {
        name,
        count: summary.count,
        ...percentiles,
        weighted: summary.weighted,
        good: share(summary.good),
        needsImprovement: share(summary.needsImprovement),
        poor: share(summary.poor),
        approximate: true as const,
      },
    ];
  });

export const measuresFromSummaries = (summaries: Map<string, ValueSummary>): MeasureDistribution[] =>
  byName(summaries).flatMap(([name, summary]) => {
    const percentiles = summaryPercentiles(summary);
    return percentiles ? [{ name, count: summary.count, ...percentiles, approximate: true as const }] : [];
  });

export const seriesFromSummaries = (summaries: Map<number, ValueSummary>): TimeBucket[] =>
  [...summaries]
    .sort(([a], [b]) => a - b)
    .flatMap(([at, summary]) => {
      const percentiles = summaryPercentiles(summary);
      return percentiles ? [{ at, count: summary.count, ...percentiles, approximate: true as const }] : [];
    });

/** A page's views, counted and weighted (viewWeight.ts). */
export interface PageViews {
  views: number;
  weightedViews: number;
}

/** Pages by their view counts (exact), most viewed first, each with its p75 LCP, INP and CLS from their summaries. */
export function pagesFromSummaries(views: Map<string, PageViews>, vitals: Map<string, ValueSummary>, limit: number): PageSummary[] {
  const p75 = (url: string, vital: string) => {
    const summary = vitals.get(JSON.stringify([url, vital]));
    return (summary && summaryPercentiles(summary)?.p75) ?? null;
  };
  return [...views]
    .filter(([, counted]) => counted.views > 0)
    .sort(([a, x], [b, y]) => y.views - x.views || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([url, counted]) => ({ url, ...counted, LCP: p75(url, 'LCP'), INP: p75(url, 'INP'), CLS: p75(url, 'CLS'), approximate: true as const }));
}

/**
 * A histogram's bins as the exact query makes them (`width` wide from 0, the last taking the tail,
 * empty ones left out) of a summary's values, each read as its bucket's value: a value within 1%
 * of a bin's edge may be counted in the bin beside it.
 */
export function binsFromSummary(summary: ValueSummary | undefined, width: number, bins: number): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const [bucket, count] of summary?.histogram ?? []) {
    const bin = Math.min(Math.floor(bucketValue(bucket) / width), bins - 1);
    if (count > 0) counts.set(bin, (counts.get(bin) ?? 0) + count);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([bin, count]) => ({ start: bin * width, count, approximate: true as const }));
}

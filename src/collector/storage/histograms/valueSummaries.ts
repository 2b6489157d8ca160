import { histogramBucket } from './histogramBucket.js';
import { addToHistogram, histogramPercentiles, type Histogram } from './histogramPercentiles.js';

/**
 * What the hourly summaries hold of a set of values (a vital's, a measure's): their number, their
 * weight (viewWeight.ts) and its part per rating, exact; and a histogram of the values.
 */
export interface ValueSummary {
  count: number;
  weighted: number;
  good: number;
  needsImprovement: number;
  poor: number;
  histogram: Histogram;
}

type Rating = 'good' | 'needs-improvement' | 'poor';
const RATING_FIELD = { good: 'good', 'needs-improvement': 'needsImprovement', poor: 'poor' } as const satisfies Record<Rating, keyof ValueSummary>;

/**
 * Value summaries by key (a vital, a time bucket, a page and vital), merged from the stored hourly
 * summaries of whole hours and the raw values of the hours cut at a range's ends, as the reads
 * (sqlite/prepareSummaryReads.ts) get their rows.
 */
export function valueSummaries<K>() {
  const byKey = new Map<K, ValueSummary>();
  const of = (key: K) => {
    let summary = byKey.get(key);
    if (!summary) byKey.set(key, (summary = { count: 0, weighted: 0, good: 0, needsImprovement: 0, poor: 0, histogram: new Map() }));
    return summary;
  };
  return {
    byKey,
    /** `count` values of a bucket. */
    addBucket(key: K, bucket: number, count: number): void {
      const summary = of(key);
      summary.count += count;
      addToHistogram(summary.histogram, bucket, count);
    },
    /** What values added apart weigh together. */
    addWeight(key: K, weighted: number): void {
      of(key).weighted += weighted;
    },
    /** What a vital's values of one rating weigh (their buckets and weight added apart). */
    addRating(key: K, rating: string | null, weighted: number): void {
      const field = RATING_FIELD[rating as Rating];
      if (field) of(key)[field] += weighted;
    },
    /** One raw value of a view of this weight, with its rating when it has one. */
    addValue(key: K, value: number, rating: string | null, weight: number): void {
      this.addBucket(key, histogramBucket(value), 1);
      this.addWeight(key, weight);
      this.addRating(key, rating, weight);
    },
    /** Values counted over every key: what decides between the exact query and the summaries. */
    total: () => [...byKey.values()].reduce((sum, summary) => sum + summary.count, 0),
  };
}

/** p50, p75 and p95 of a summary, from its histogram (within HISTOGRAM_ERROR of the exact ones). */
export function summaryPercentiles(summary: ValueSummary): { p50: number; p75: number; p95: number } | undefined {
  const [p50, p75, p95] = histogramPercentiles(summary.histogram, [0.5, 0.75, 0.95]) ?? [];
  return p50 === undefined || p75 === undefined || p95 === undefined ? undefined : { p50, p75, p95 };
}

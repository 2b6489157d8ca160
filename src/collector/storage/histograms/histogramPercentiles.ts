import { bucketValue } from './histogramBucket.js';

/** Counts by bucket (histogramBucket.ts): what a summary holds of a set of values. */
export type Histogram = Map<number, number>;

/** Adds `count` values of `bucket` to a histogram. */
export function addToHistogram(histogram: Histogram, bucket: number, count: number): void {
  const total = (histogram.get(bucket) ?? 0) + count;
  if (total === 0) histogram.delete(bucket);
  else histogram.set(bucket, total);
}

/**
 * Percentiles as `percentile_cont` takes them (interpolated between the two nearest ranks), with
 * each value read as its bucket's value: within HISTOGRAM_ERROR of the exact ones. Undefined for
 * an empty histogram.
 */
export function histogramPercentiles(histogram: Histogram, fractions: readonly number[]): number[] | undefined {
  const buckets = [...histogram].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  /** The value at a 0-based rank of the sorted values. */
  const at = (rank: number) => {
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen > rank) return bucketValue(bucket);
    }
    return bucketValue(buckets.at(-1)?.[0] ?? 0);
  };
  return fractions.map((fraction) => {
    const position = (total - 1) * fraction;
    const below = Math.floor(position);
    const low = at(below);
    return low + (at(Math.min(below + 1, total - 1)) - low) * (position - below);
  });
}

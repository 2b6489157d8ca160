/** The trend's buckets: about 24 of them, from a minute to 30 days (what the query API takes). */
const BUCKETS = 24;
const MIN_BUCKET = 60_000;
const MAX_BUCKET = 30 * 86_400_000;

/**
 * The trend chart's time axis: from the range's start or the first page view of the oldest
 * release, whichever is later (a site that started an hour ago gets an hour of points, not one
 * point in a week), to now; its start on a bucket's edge, as the collector cuts buckets.
 */
export function timeAxis(rangeStart: number | undefined, now: number, firstSeen: number | undefined): { from: number; to: number; bucketMs: number } {
  const start = Math.max(rangeStart ?? firstSeen ?? now - 86_400_000, firstSeen ?? -Infinity);
  const bucketMs = Math.min(MAX_BUCKET, Math.max(MIN_BUCKET, Math.round((now - start) / BUCKETS)));
  return { from: Math.floor(start / bucketMs) * bucketMs, to: now, bucketMs };
}

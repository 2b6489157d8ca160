/** The trend's buckets: about 24 of them, from a minute to 30 days (what the query API takes). */
const BUCKETS = 24;
const MIN_BUCKET = 60_000;
const MAX_BUCKET = 30 * 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The trend chart's time axis: from the range's start or the first page view of the oldest
 * release, whichever is later (a site that started an hour ago gets an hour of points, not one
 * point in a week), to now; its start on a bucket's edge, as the collector cuts buckets. A bucket
 * is whole minutes, and whole hours from an hour on: the collector makes those of its hourly
 * summaries, where others would sort every value of a big site's week.
 */
export function timeAxis(rangeStart: number | undefined, now: number, firstSeen: number | undefined): { from: number; to: number; bucketMs: number } {
  const start = Math.max(rangeStart ?? firstSeen ?? now - 86_400_000, firstSeen ?? -Infinity);
  const wanted = Math.min(MAX_BUCKET, Math.max(MIN_BUCKET, (now - start) / BUCKETS));
  const unit = wanted >= HOUR ? HOUR : MINUTE;
  const bucketMs = Math.round(wanted / unit) * unit;
  return { from: Math.floor(start / bucketMs) * bucketMs, to: now, bucketMs };
}

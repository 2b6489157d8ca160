/** Sites remembered at once; only configured sites get this far, so it is never reached in practice. */
const MAX_SITES = 10_000;

/**
 * Rows each site may store per minute, as a token bucket: a site may spend a minute's budget at
 * once, then as fast as it refills. `take` answers 0 when the rows fit (and spends them), else the
 * seconds until they would. The budget is read at each take: a collector's share changes as
 * collectors come and go.
 */
export function createRowBudget(budget: () => number, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(site: string, rows: number): number {
      const rowsPerMinute = budget();
      const perMs = rowsPerMinute / 60_000;
      // A beacon larger than a whole minute's budget passes when the bucket is full, or it never would.
      const cost = Math.min(rows, rowsPerMinute);
      const time = now();
      let bucket = buckets.get(site);
      if (!bucket) {
        if (buckets.size >= MAX_SITES) buckets.clear();
        buckets.set(site, (bucket = { tokens: rowsPerMinute, at: time }));
      }
      bucket.tokens = Math.min(rowsPerMinute, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      if (cost <= bucket.tokens) {
        bucket.tokens -= cost;
        return 0;
      }
      return Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000));
    },
  };
}

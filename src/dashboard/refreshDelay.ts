/** How often an open dashboard refreshes, at the most. */
export const REFRESH_MS = 5000;
/**
 * One open dashboard keeps the collector's database busy for at most about a tenth of the time:
 * over 1M events an overview refresh takes the collector ~2–3 s of queries, so it waits 20–30 s.
 */
const QUERY_SHARE = 0.1;

/** The wait before the next automatic refresh, given how long the last one took (ms). */
export function refreshDelay(lastRefreshMs: number): number {
  return Math.max(REFRESH_MS, Math.round(lastRefreshMs / QUERY_SHARE));
}

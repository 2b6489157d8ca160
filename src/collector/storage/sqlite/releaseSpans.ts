/**
 * `release_spans` made from the views (migration 17), for the views `where` picks (`1`: every
 * view); prepareSummaries.ts keeps it as views arrive, erasure and retention make it again.
 */
export const fillReleaseSpans = (where: string) => `
  INSERT OR REPLACE INTO release_spans
    SELECT site, release, min(started_at), max(started_at), count(*) FROM views WHERE release IS NOT NULL AND ${where} GROUP BY site, release`;

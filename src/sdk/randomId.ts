import { epochNow } from '../protocol/epochNow.js';

/**
 * A URL-safe random id, ordered by time: a UUIDv7 (RFC 9562: milliseconds, then random bits)
 * where the browser has `crypto.randomUUID` (secure contexts). Batch and view ids key the
 * collector's dedupe indexes; ids that grow with time land at those indexes' end instead of on a
 * random page each, which made SQLite ingest ~1.5× faster (issue 6's bench).
 */
export function randomId(): string {
  const time = epochNow().toString(16).padStart(12, '0');
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return `${time.slice(0, 8)}-${time.slice(8)}-7${crypto.randomUUID().slice(15)}`;
  }
  return time + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

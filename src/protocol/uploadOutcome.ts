import { epochNow } from './epochNow.js';

/**
 * What became of one upload: stored (or already stored), refused for good, or worth retrying,
 * not before `afterMs` when the collector said so with `Retry-After`.
 */
export type UploadResult = { kind: 'acknowledged' | 'rejected' } | { kind: 'retry'; afterMs?: number };

/** The longest `Retry-After` honoured; a misconfigured proxy must not silence the SDK for a day. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * The collector's answer to a beacon, as the worker's and the page's uploads read it. A 4xx other
 * than 408/429 means the collector will never take this batch: retrying would only block the
 * ones behind it.
 */
export function uploadOutcome(response: Pick<Response, 'ok' | 'status' | 'headers'>): UploadResult {
  const { status } = response;
  if (response.ok) return { kind: 'acknowledged' };
  if (status === 429 || status === 503) return { kind: 'retry', afterMs: retryAfter(response.headers.get('retry-after')) };
  return status >= 500 || status === 408 ? { kind: 'retry' } : { kind: 'rejected' };
}

/** `Retry-After` is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - epochNow();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

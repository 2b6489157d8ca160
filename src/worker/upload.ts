import type { Beacon } from '../protocol/beacon.js';

/**
 * What became of one upload: stored (or already stored), refused for good, or worth retrying,
 * not before `afterMs` when the collector said so with `Retry-After`.
 */
export type UploadResult = { kind: 'acknowledged' | 'rejected' } | { kind: 'retry'; afterMs?: number };

const UPLOAD_TIMEOUT_MS = 30_000;
/** The longest `Retry-After` honoured; a misconfigured proxy must not silence the SDK for a day. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * POSTs one batch, gzipped where `CompressionStream` exists. The content type stays `text/plain`
 * and no `Content-Encoding` is set: that keeps the request CORS-simple (no preflight, as
 * `sendBeacon`'s are) and the collector recognises gzip by its magic bytes. A 4xx other than
 * 408/429 means the collector will never take this batch: retrying would only block the ones
 * behind it.
 */
export async function upload(fetchImpl: typeof fetch, endpoint: string, batch: Beacon): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      body: await encode(JSON.stringify(batch)),
      headers: { 'content-type': 'text/plain' },
      // A stalled connection must not hold the upload lock, and with it every tab's uploads, forever.
      signal: AbortSignal.timeout?.(UPLOAD_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'retry' };
  }
  const { status } = response;
  if (response.ok) return { kind: 'acknowledged' };
  if (status === 429 || status === 503) return { kind: 'retry', afterMs: retryAfter(response.headers.get('retry-after')) };
  return status >= 500 || status === 408 ? { kind: 'retry' } : { kind: 'rejected' };
}

async function encode(text: string): Promise<BodyInit> {
  if (typeof CompressionStream !== 'function') return text;
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
}

/** `Retry-After` is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

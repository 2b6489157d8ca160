import type { Beacon } from '../protocol/beacon.js';
import { beaconJson } from '../protocol/beaconJson.js';
import { uploadOutcome, type UploadResult } from '../protocol/uploadOutcome.js';

const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * POSTs one batch, gzipped where `CompressionStream` exists. The content type stays `text/plain`
 * and no `Content-Encoding` is set: that keeps the request CORS-simple (no preflight, as
 * `sendBeacon`'s are) and the collector recognises gzip by its magic bytes.
 */
export async function upload(fetchImpl: typeof fetch, endpoint: string, batch: Beacon): Promise<UploadResult> {
  try {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      body: await encode(beaconJson(batch)),
      headers: { 'content-type': 'text/plain' },
      // A stalled connection must not hold the upload lock, and with it every tab's uploads, forever.
      signal: AbortSignal.timeout?.(UPLOAD_TIMEOUT_MS),
    });
    return uploadOutcome(response);
  } catch {
    return { kind: 'retry' };
  }
}

async function encode(text: string): Promise<BodyInit> {
  if (typeof CompressionStream !== 'function') return text;
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
}

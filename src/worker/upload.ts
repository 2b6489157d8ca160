import type { Beacon } from '../protocol/beacon.js';

/** What became of one upload: stored (or already stored), refused for good, or worth retrying. */
export type UploadResult = 'acknowledged' | 'rejected' | 'retry';

/**
 * POSTs one batch. `text/plain` keeps the request CORS-simple (no preflight), as `sendBeacon`'s
 * are. A 4xx other than 408/429 means the collector will never take this batch: retrying it would
 * only block the ones behind it.
 */
export async function upload(fetchImpl: typeof fetch, endpoint: string, batch: Beacon): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'content-type': 'text/plain' },
    });
  } catch {
    return 'retry';
  }
  if (response.ok) return 'acknowledged';
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return retryable ? 'retry' : 'rejected';
}

import { MAX_STRING } from '../protocol/limits.js';
import { scrubPath } from '../protocol/scrubPath.js';

/**
 * Query strings and fragments often carry personal data; by default only origin and path are kept,
 * the path scrubbed of ids, e-mail addresses and tokens (scrubPath). Capped to the collector's
 * longest string.
 */
export function stripUrl(url: string): string {
  let stripped: string;
  try {
    const parsed = new URL(url);
    // `data:` and `blob:` URLs are all content, no place: their scheme says enough.
    stripped = parsed.origin === 'null' || parsed.protocol === 'blob:' ? parsed.protocol : parsed.origin + parsed.pathname;
  } catch {
    stripped = url.split(/[?#]/)[0] ?? '';
  }
  return scrubPath(stripped).slice(0, MAX_STRING);
}

import { gunzipSync } from 'node:zlib';
import { MAX_DECODED_BYTES } from '../../protocol/limits.js';

export type Decoded = { ok: true; bytes: Buffer } | { ok: false; status: number; reason: string };

const isGzip = (body: Buffer) => body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;

/**
 * A beacon body's bytes, inflated. Gzip is recognised by `Content-Encoding` or, since `sendBeacon` cannot set
 * headers, by its magic bytes; it is inflated with a bound on the *decoded* size, so a gzip bomb
 * costs at most `MAX_DECODED_BYTES` of memory and gets a 413.
 */
export function decodeBody(body: Buffer, contentEncoding: string | undefined): Decoded {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== 'gzip' && encoding !== 'identity') {
    return { ok: false, status: 415, reason: `unsupported content-encoding: ${encoding}` };
  }
  if (encoding !== 'gzip' && !isGzip(body)) return { ok: true, bytes: body };
  try {
    return { ok: true, bytes: gunzipSync(body, { maxOutputLength: MAX_DECODED_BYTES }) };
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return tooLarge
      ? { ok: false, status: 413, reason: `decoded body exceeds ${MAX_DECODED_BYTES} bytes` }
      : { ok: false, status: 400, reason: `body is not valid gzip: ${(error as Error).message}` };
  }
}

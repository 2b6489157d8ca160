import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Beacon } from '../../src/protocol/beacon.js';

export type Uploader = 'pageprof' | 'sentry' | 'datadog' | 'webvitals';

/** What an accepted upload delivered, as content hashes: the same profile or event sent twice has the same hash. */
export interface UploadContents {
  profiles: string[];
  /** pageprof's events (its profile windows among them); empty for the peers. */
  events: string[];
}

const hash = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

/** The item types of a Sentry envelope: a header line, then per item a header line and its payload (of `length` bytes, or up to the next newline). */
function envelopeItemTypes(body: Buffer): string[] {
  const types: string[] = [];
  const lineEnd = (from: number) => {
    const end = body.indexOf(10, from);
    return end < 0 ? body.length : end;
  };
  let at = lineEnd(0) + 1;
  while (at < body.length) {
    const end = lineEnd(at);
    const line = body.subarray(at, end).toString().trim();
    at = end + 1;
    if (!line) continue;
    const header = JSON.parse(line) as { type?: string; length?: number };
    types.push(header.type ?? '');
    at = typeof header.length === 'number' ? at + header.length + 1 : lineEnd(at) + 1;
  }
  return types;
}

/**
 * The profiles (and, for pageprof, the events) one accepted upload carried: pageprof's beacons
 * (JSON, or gzip by its magic bytes) and their profile windows, Sentry's `profile` and
 * `profile_chunk` envelope items, and Datadog's profile uploads, one per request to /api/v2/profile.
 */
export function uploadContents(uploader: Uploader, target: string, body: Buffer): UploadContents {
  try {
    if (uploader === 'pageprof') {
      const text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString() : body.toString();
      const { events } = JSON.parse(text) as Beacon;
      return {
        profiles: events.filter((event) => event.type === 'profile').map((event) => hash(JSON.stringify(event))),
        events: events.map((event) => hash(JSON.stringify(event))),
      };
    }
    if (uploader === 'sentry') {
      const profiles = envelopeItemTypes(body).filter((type) => type === 'profile' || type === 'profile_chunk');
      return { profiles: profiles.map((_, index) => `${hash(body)}:${index}`), events: [] };
    }
    if (uploader === 'datadog' && target === '/api/v2/profile') return { profiles: [hash(body)], events: [] };
  } catch {
    // Not a body this SDK sends: it delivered nothing to count.
  }
  return { profiles: [], events: [] };
}

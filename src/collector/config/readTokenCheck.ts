import { createHash, timingSafeEqual } from 'node:crypto';
import type { Site } from './Config.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a token is the read token (the secret) of a site. Hashes of equal length are compared,
 * so the comparison takes the same time whatever the token is.
 */
export function readTokenCheck(sites: readonly Site[]): (site: unknown, token: string) => boolean {
  const tokens = new Map(sites.map((site) => [site.id, digest(site.readToken)]));
  return (site, token) => {
    const expected = typeof site === 'string' ? tokens.get(site) : undefined;
    return expected !== undefined && timingSafeEqual(digest(token), expected);
  };
}

/** The token of an `Authorization: Bearer …` header. */
export const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

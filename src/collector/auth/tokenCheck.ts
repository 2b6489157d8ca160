import { createHash, timingSafeEqual } from 'node:crypto';
import type { Site } from '../config/Config.js';

/** What a token may do at a site: read its data (the dashboard, the query API) or upload its source maps. */
export type Access = 'read' | 'upload';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a token is one of `secrets`. Hashes of equal length are compared, and every secret is
 * compared, so the time taken says nothing about the token.
 */
export function secretCheck(secrets: readonly string[]): (token: string) => boolean {
  const expected = secrets.map(digest);
  return (token) => {
    const given = digest(token);
    return expected.reduce((match, candidate) => timingSafeEqual(given, candidate) || match, false);
  };
}

/** Whether a token grants `access` to a site. */
export function createTokenCheck(sites: readonly Site[]): (site: unknown, token: string, access: Access) => boolean {
  const checks = new Map(
    sites.map((site) => [site.id, { read: secretCheck(site.readTokens), upload: secretCheck(site.uploadToken === undefined ? [] : [site.uploadToken]) }]),
  );
  return (site, token, access) => (typeof site === 'string' && checks.get(site)?.[access](token)) || false;
}

/** The token of an `Authorization: Bearer …` header. */
export const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

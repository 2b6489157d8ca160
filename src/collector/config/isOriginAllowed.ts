import type { Site } from './Config.js';

/**
 * Whether a page at `origin` may post for `site`. `self` is the collector's own origin, read from
 * the request's Host (the demo app and a same-origin deployment).
 */
export function isOriginAllowed(site: Pick<Site, 'origins'>, origin: string, selfOrigin: string): boolean {
  return site.origins.some((allowed) => allowed === '*' || allowed === origin || (allowed === 'self' && origin === selfOrigin));
}

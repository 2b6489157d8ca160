import type { FastifyBaseLogger } from 'fastify';

const MINUTE = 60_000;
/** Site and origin pairs remembered at once: a flood of forged origins costs no more memory than this. */
const MAX_REMEMBERED = 1024;

/**
 * Logs a page view refused for its origin, at most once a minute per site and origin, with the fix.
 * A site owner whose own pages are refused (a new domain, a staging host) sees why in the
 * collector's log instead of an empty dashboard, without a line per beacon.
 */
export function refusedOriginLog(now: () => number = Date.now) {
  const lastLogged = new Map<string, number>();
  return (log: FastifyBaseLogger, site: string, origin: string): void => {
    const key = `${site} ${origin}`;
    const at = now();
    if (at - (lastLogged.get(key) ?? -Infinity) < MINUTE) return;
    if (lastLogged.size >= MAX_REMEMBERED) lastLogged.clear();
    lastLogged.set(key, at);
    const shown = origin.slice(0, 256);
    log.warn(
      { site, origin: shown },
      `page views from ${shown} are refused for site '${site}': add "${shown}" to the site's "origins" in the config ` +
        `(the demo site without a config: pageprof serve --origin ${shown}); logged once a minute per origin`,
    );
  };
}

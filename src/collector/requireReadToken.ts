import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Site } from './config/Config.js';

const SITE_PATH = '/v1/sites/';
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The one guard of the read side: every request under `/v1/sites/:site/` (every route there,
 * including ones registered later by other modules, and paths that match no route) must carry
 * the site's read token as `Authorization: Bearer …`. Runs at `onRequest`, before the body,
 * schema or handler. No token → 401; a wrong token or an unknown site → 403.
 */
export function requireReadToken(app: FastifyInstance, sites: readonly Site[]): void {
  const tokens = new Map(sites.map((site) => [site.id, digest(site.readToken)]));

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(SITE_PATH) && !request.routeOptions.url?.startsWith(SITE_PATH)) return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return reply.code(401).send({ error: 'a read token is required: Authorization: Bearer <token>' });
    }
    const site = (request.params as { site?: unknown } | undefined)?.site;
    const expected = typeof site === 'string' ? tokens.get(site) : undefined;
    // Hashes of equal length, so the comparison takes the same time whatever the token is.
    if (!expected || !timingSafeEqual(digest(match[1]), expected)) {
      return reply.code(403).send({ error: 'this token does not grant access to this site' });
    }
  });
}

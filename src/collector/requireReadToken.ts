import type { FastifyInstance } from 'fastify';
import type { Site } from './config/Config.js';
import { bearerToken, readTokenCheck } from './config/readTokenCheck.js';

const SITE_PATH = '/v1/sites/';

/**
 * The one guard of the read side: every request under `/v1/sites/:site/` (every route there,
 * including ones registered later by other modules, and paths that match no route) must carry
 * the site's read token as `Authorization: Bearer …`. Runs at `onRequest`, before the body,
 * schema or handler. No token → 401; a wrong token or an unknown site → 403.
 */
export function requireReadToken(app: FastifyInstance, sites: readonly Site[]): void {
  const isReadToken = readTokenCheck(sites);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(SITE_PATH) && !request.routeOptions.url?.startsWith(SITE_PATH)) return;
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      reply.header('www-authenticate', 'Bearer');
      return reply.code(401).send({ error: 'a read token is required: Authorization: Bearer <token>' });
    }
    if (!isReadToken((request.params as { site?: unknown } | undefined)?.site, token)) {
      return reply.code(403).send({ error: 'this token does not grant access to this site' });
    }
  });
}

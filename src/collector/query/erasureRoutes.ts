import type { FastifyInstance } from 'fastify';
import type { Storage } from '../storage/Storage.js';

/** An id as the beacon's `view.id` and `view.session` take it; the site guard adds the site. */
const params = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }, required: ['id'] } as const;

type Erase = { Params: { site: string; id: string } };

/**
 * A visitor's erasure request, with the site's read token (under `/v1/sites/:site/`, so the site
 * guard holds it): `DELETE …/views/:id` or `…/sessions/:id` removes the page view, or every page
 * view of the session, with everything stored of it, and answers what it removed (zeros for an id
 * with nothing stored: erasing twice is harmless).
 */
export function erasureRoutes(app: FastifyInstance, storage: Storage): void {
  app.delete<Erase>('/v1/sites/:site/views/:id', { schema: { params } }, async ({ params: { site, id } }) => ({
    erased: await storage.erase(site, { view: id }),
  }));
  app.delete<Erase>('/v1/sites/:site/sessions/:id', { schema: { params } }, async ({ params: { site, id } }) => ({
    erased: await storage.erase(site, { session: id }),
  }));
}

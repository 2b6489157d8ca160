import type { FastifyInstance } from 'fastify';
import { queryRoutes as routes, type AnswerOf, type QueryOf, type QueryPath } from '../../protocol/queryRoutes.js';

/** What answers one route of the map: its site, its query (validated, defaults filled), its path's other parameters; undefined is a 404. */
export type RouteHandler<P extends QueryPath> = (site: string, query: QueryOf<P>, params: Record<string, string>) => Promise<AnswerOf<P> | undefined>;

/**
 * Registers `GET /v1/sites/:site/<path>` for each handler, with the protocol's route map giving
 * each its query schema (unknown parameters refused) and its answer's (the answer is serialised
 * from it). The site guard (auth/siteGuard.ts) checked the token and holds the site to the path's
 * before any of this runs.
 */
export function serveRoutes<P extends QueryPath>(app: FastifyInstance, handlers: { [K in P]: RouteHandler<K> }): void {
  for (const path of Object.keys(handlers) as P[]) {
    const { querystring, response } = routes[path];
    const handle = handlers[path] as (site: string, query: unknown, params: Record<string, string>) => Promise<unknown>;
    app.get<{ Params: Record<string, string> & { site: string } }>(
      `/v1/sites/:site/${path}`,
      { schema: { querystring, response: { 200: response } } },
      async (request, reply) => {
        const found = await handle(request.params.site, request.query, request.params);
        return found === undefined ? reply.code(404).send({ error: `no ${path.split('/')[0]} ${request.params.id ?? ''} at this site` }) : found;
      },
    );
  }
}

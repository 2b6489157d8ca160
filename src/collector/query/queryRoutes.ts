import type { FastifyInstance } from 'fastify';
import { queryRoutes as routes, type AnswerOf, type QueryOf, type QueryPath } from '../../protocol/queryRoutes.js';
import type { Storage } from '../storage/Storage.js';

type Handlers = { [P in QueryPath]: (site: string, query: QueryOf<P>, params: Record<string, string>) => Promise<AnswerOf<P> | undefined> };

/**
 * The read side: `GET /v1/sites/:site/…`, one route per entry of the protocol's route map, which
 * gives each its query schema (unknown parameters refused) and its answer's (the answer is
 * serialised from it). The site guard (auth/siteGuard.ts) checked the read token and holds the site
 * to the path's before any of this runs; values reach storage as values, never as SQL. A handler
 * that answers nothing found nothing: 404.
 */
export function queryRoutes(app: FastifyInstance, storage: Storage): void {
  const handlers: Handlers = {
    views: async (site, { limit, ...filters }) => ({ views: await storage.recentViews(site, filters, limit) }),
    'views/:id': async (site, { offset, limit }, { id }) => storage.view(site, id ?? '', offset, limit),
    facets: async (site, filters) => ({ facets: await storage.facets(site, filters) }),
    measures: async (site, filters) => ({ measures: await storage.measureDistributions(site, filters) }),
    vitals: async (site, filters) => ({ vitals: await storage.vitals(site, filters) }),
    'vitals/series': async (site, { vital, bucket, ...filters }) => ({ series: await storage.vitalSeries(site, vital, bucket, filters) }),
    'vitals/targets': async (site, { limit, ...filters }) => ({ targets: await storage.vitalTargets(site, filters, limit) }),
    pages: async (site, { limit, ...filters }) => ({ pages: await storage.pages(site, filters, limit) }),
    interactions: async (site, { limit, ...filters }) => ({ interactions: await storage.slowestInteractions(site, filters, limit) }),
    scripts: async (site, { limit, ...filters }) => ({ scripts: await storage.frameScripts(site, filters, limit) }),
    longtasks: async (site, { limit, ...filters }) => ({ longtasks: await storage.longTasks(site, filters, limit) }),
    navigation: async (site, filters) => ({ phases: await storage.navigationPhases(site, filters) }),
    resources: async (site, { limit, ...filters }) => ({ resources: await storage.resources(site, filters, limit) }),
    delivery: async (site, filters) => ({ delivery: await storage.delivery(site, filters) }),
  };

  for (const path of Object.keys(routes) as QueryPath[]) {
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

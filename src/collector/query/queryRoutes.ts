import type { FastifyInstance } from 'fastify';
import { queryRoutes as routes, type AnswerOf, type QueryOf, type QueryPath } from '../../protocol/queryRoutes.js';
import { queryFilters } from './queryFilters.js';
import type { Storage } from '../storage/Storage.js';

type Handlers = { [P in QueryPath]: (site: string, query: QueryOf<P>, params: Record<string, string>) => Promise<AnswerOf<P> | undefined> };

/**
 * The read side: `GET /v1/sites/:site/…`, one route per entry of the protocol's route map, which
 * gives each its query schema (unknown parameters refused) and its answer's (the answer is
 * serialised from it). The site guard (auth/siteGuard.ts) checked the read token and holds the site
 * to the path's before any of this runs; values reach storage as values, never as SQL. A handler
 * that answers nothing found nothing: 404. `writeKeyOf` gives a site's public write key, for the
 * snippet a dashboard shows before the first beacon.
 */
export function queryRoutes(app: FastifyInstance, storage: Storage, writeKeyOf: (site: string) => string | undefined): void {
  const handlers: Handlers = {
    views: async (site, { limit, ...filters }) => ({ views: await storage.recentViews(site, queryFilters(filters), limit) }),
    'views/:id': async (site, { offset, limit }, { id }) => storage.view(site, id ?? '', offset, limit),
    'views/:id/profiles': async (site, _query, { id }) => ({ profiles: await storage.viewProfiles(site, id ?? '') }),
    facets: async (site, filters) => ({ facets: await storage.facets(site, queryFilters(filters)) }),
    releases: async (site, { limit }) => ({ releases: await storage.releases(site, limit) }),
    setup: async (site) => {
      const writeKey = writeKeyOf(site);
      return writeKey === undefined ? undefined : { site, writeKey };
    },
    measures: async (site, filters) => ({ measures: await storage.measureDistributions(site, queryFilters(filters)) }),
    'measures/histogram': async (site, { name, width, bins, ...filters }) => ({ histogram: await storage.measureHistogram(site, name, width, bins, queryFilters(filters)) }),
    vitals: async (site, filters) => ({ vitals: await storage.vitals(site, queryFilters(filters)) }),
    'vitals/series': async (site, { vital, bucket, ...filters }) => ({ series: await storage.vitalSeries(site, vital, bucket, queryFilters(filters)) }),
    'vitals/histogram': async (site, { vital, width, bins, ...filters }) => ({ histogram: await storage.vitalHistogram(site, vital, width, bins, queryFilters(filters)) }),
    'vitals/targets': async (site, { limit, ...filters }) => ({ targets: await storage.vitalTargets(site, queryFilters(filters), limit) }),
    pages: async (site, { limit, ...filters }) => ({ pages: await storage.pages(site, queryFilters(filters), limit) }),
    interactions: async (site, { limit, ...filters }) => ({ interactions: await storage.slowestInteractions(site, queryFilters(filters), limit) }),
    scripts: async (site, { limit, ...filters }) => ({ scripts: await storage.frameScripts(site, queryFilters(filters), limit) }),
    longtasks: async (site, { limit, ...filters }) => ({ longtasks: await storage.longTasks(site, queryFilters(filters), limit) }),
    navigation: async (site, filters) => ({ phases: await storage.navigationPhases(site, queryFilters(filters)) }),
    resources: async (site, { limit, ...filters }) => ({ resources: await storage.resources(site, queryFilters(filters), limit) }),
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

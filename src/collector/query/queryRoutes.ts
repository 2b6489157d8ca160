import type { FastifyInstance } from 'fastify';
import type { Storage } from '../storage/Storage.js';
import { serveRoutes } from './serveRoutes.js';

/**
 * The read side's query routes (`GET /v1/sites/:site/…`), each answered from storage; values reach
 * storage as values, never as SQL. The profile routes are profiles/profileRoutes.ts's. `writeKeyOf`
 * gives a site's public write key, for the snippet a dashboard shows before the first beacon.
 */
export function queryRoutes(app: FastifyInstance, storage: Storage, siteOf: (site: string) => { writeKey: string; traceUrl?: string } | undefined): void {
  serveRoutes(app, {
    views: async (site, { limit, ...filters }) => ({ views: await storage.recentViews(site, filters, limit) }),
    'views/:id': async (site, { offset, limit }, { id }) => storage.view(site, id ?? '', offset, limit),
    'views/:id/profiles': async (site, _query, { id }) => ({ profiles: await storage.viewProfiles(site, id ?? '') }),
    facets: async (site, filters) => ({ facets: await storage.facets(site, filters) }),
    releases: async (site, { limit }) => ({ releases: await storage.releases(site, limit) }),
    setup: async (site) => {
      const found = siteOf(site);
      return found && { site, writeKey: found.writeKey, ...(found.traceUrl === undefined ? {} : { traceUrl: found.traceUrl }) };
    },
    measures: async (site, filters) => ({ measures: await storage.measureDistributions(site, filters) }),
    'measures/histogram': async (site, { name, width, bins, ...filters }) => ({ histogram: await storage.measureHistogram(site, name, width, bins, filters) }),
    vitals: async (site, filters) => ({ vitals: await storage.vitals(site, filters) }),
    'vitals/series': async (site, { vital, bucket, ...filters }) => ({ series: await storage.vitalSeries(site, vital, bucket, filters) }),
    'vitals/histogram': async (site, { vital, width, bins, ...filters }) => ({ histogram: await storage.vitalHistogram(site, vital, width, bins, filters) }),
    'vitals/targets': async (site, { limit, ...filters }) => ({ targets: await storage.vitalTargets(site, filters, limit) }),
    pages: async (site, { limit, ...filters }) => ({ pages: await storage.pages(site, filters, limit) }),
    interactions: async (site, { limit, ...filters }) => ({ interactions: await storage.slowestInteractions(site, filters, limit) }),
    scripts: async (site, { limit, ...filters }) => ({ scripts: await storage.frameScripts(site, filters, limit) }),
    longtasks: async (site, { limit, ...filters }) => ({ longtasks: await storage.longTasks(site, filters, limit) }),
    navigation: async (site, filters) => ({ phases: await storage.navigationPhases(site, filters) }),
    resources: async (site, { limit, ...filters }) => ({ resources: await storage.resources(site, filters, limit) }),
    delivery: async (site, filters) => ({ delivery: await storage.delivery(site, filters) }),
  });
}

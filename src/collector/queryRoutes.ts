import type { FastifyInstance } from 'fastify';
import { filterProperties, queryFilters, type FilterQuery } from './queryFilters.js';
import type { Storage } from './storage/Storage.js';

export const siteParams = {
  type: 'object',
  properties: { site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } },
  required: ['site'],
} as const;
const limit = (max: number, fallback: number) => ({ type: 'integer', minimum: 1, maximum: max, default: fallback }) as const;
const querystring = (extra: Record<string, unknown> = {}, required: string[] = []) => ({
  type: 'object',
  properties: { ...filterProperties, ...extra },
  required,
  additionalProperties: false,
});
const vitalName = { type: 'string', enum: ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'] } as const;

type Get<Q> = { Params: { site: string }; Querystring: FilterQuery & Q };

/**
 * The read side: `GET /v1/sites/:site/…`. The read token was checked before any of this runs
 * (requireReadToken); here every parameter is checked by its schema (unknown ones are refused)
 * and passed to storage as a value, never as SQL.
 */
export function queryRoutes(app: FastifyInstance, storage: Storage): void {
  const options = (extra?: Record<string, unknown>, required?: string[]) => ({
    schema: { params: siteParams, querystring: querystring(extra, required) },
  });

  app.get<Get<{ limit: number }>>('/v1/sites/:site/views', options({ limit: limit(500, 50) }), async (request) => ({
    views: await storage.recentViews(request.params.site, queryFilters(request.query), request.query.limit),
  }));

  app.get<Get<object>>('/v1/sites/:site/facets', options(), async (request) => ({
    facets: await storage.facets(request.params.site, queryFilters(request.query)),
  }));

  app.get<Get<object>>('/v1/sites/:site/measures', options(), async (request) => ({
    measures: await storage.measureDistributions(request.params.site, queryFilters(request.query)),
  }));

  app.get<Get<object>>('/v1/sites/:site/vitals', options(), async (request) => ({
    vitals: await storage.vitals(request.params.site, queryFilters(request.query)),
  }));

  app.get<Get<{ vital: string; bucket: number }>>(
    '/v1/sites/:site/vitals/series',
    options({ vital: vitalName, bucket: { type: 'integer', minimum: 60_000, maximum: 30 * 86_400_000, default: 3_600_000 } }, ['vital']),
    async ({ params, query }) => ({
      series: await storage.vitalSeries(params.site, query.vital, query.bucket, queryFilters(query)),
    }),
  );

  app.get<Get<{ limit: number }>>('/v1/sites/:site/pages', options({ limit: limit(500, 50) }), async ({ params, query }) => ({
    pages: await storage.pages(params.site, queryFilters(query), query.limit),
  }));

  app.get<Get<{ limit: number }>>('/v1/sites/:site/interactions', options({ limit: limit(200, 20) }), async ({ params, query }) => ({
    interactions: await storage.slowestInteractions(params.site, queryFilters(query), query.limit),
  }));

  app.get<Get<{ limit: number }>>('/v1/sites/:site/scripts', options({ limit: limit(200, 20) }), async ({ params, query }) => ({
    scripts: await storage.frameScripts(params.site, queryFilters(query), query.limit),
  }));
}

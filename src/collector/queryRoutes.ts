import type { FastifyInstance } from 'fastify';
import type { Storage } from './storage/Storage.js';

const siteParams = {
  type: 'object',
  properties: { site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } },
  required: ['site'],
} as const;

/** Read side for the dashboard: recent page views and the distribution of each measure. */
export function queryRoutes(app: FastifyInstance, storage: Storage): void {
  app.get<{ Params: { site: string }; Querystring: { limit: number } }>(
    '/v1/sites/:site/views',
    {
      schema: {
        params: siteParams,
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
      },
    },
    async (request) => ({ views: storage.recentViews(request.params.site, request.query.limit) }),
  );

  app.get<{ Params: { site: string } }>('/v1/sites/:site/measures', { schema: { params: siteParams } }, async (request) => ({
    measures: storage.measureDistributions(request.params.site),
  }));
}

import type { FastifyInstance } from 'fastify';
import { filterProperties } from '../queryFilters.js';
import type { Symbolicator } from './createSymbolicator.js';
import type { ProfileQuery, ProfileStorage } from './ProfileStorage.js';
import { TARGET_KINDS } from './ProfileStorage.js';
import { rankFunctions } from './rankFunctions.js';
import type { ResolvedStack } from './ResolvedStack.js';
import { toFlameTree } from './toFlameTree.js';
import { toFolded } from './toFolded.js';
import { toPprof } from './toPprof.js';
import { toSpeedscope } from './toSpeedscope.js';

const siteParams = {
  type: 'object',
  properties: { site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } },
  required: ['site'],
} as const;
const filters = {
  kind: { type: 'string', enum: TARGET_KINDS, default: 'window' },
  name: { type: 'string', maxLength: 256 },
  id: { type: 'integer', minimum: 0 },
  // The query API's own filters, where profiles have them.
  from: filterProperties.from,
  to: filterProperties.to,
  page: filterProperties.page,
  route: filterProperties.route,
  release: filterProperties.release,
} as const;
/** How exports and flame graphs name what they show: `demo interaction click`. */
const targetLabel = (query: ProfileQuery) => `${query.site} ${query.kind}${query.name ? ` ${query.name}` : ''}`;

type Filters = Omit<ProfileQuery, 'site'>;
type Request<Q> = { Params: { site: string }; Querystring: Filters & Q };

/**
 * The read side of profiles, under `/v1/sites/:site/profiles/` (where the read-token hook guards
 * every route): attribution targets, functions ranked by self time, the call tree a flame graph
 * draws, and exports of the same query as speedscope JSON, gzipped pprof or folded text. Frames
 * are symbolicated on the way out.
 */
export function profileRoutes(app: FastifyInstance, storage: ProfileStorage, symbolicator: Symbolicator): void {
  const resolvedStacks = (query: ProfileQuery): ResolvedStack[] =>
    storage.stacks(query).map(({ release, frames, ...sampled }) => ({
      frames: frames.map((frame) => symbolicator.resolve(query.site, release, frame)),
      ...sampled,
    }));

  app.get<Request<object>>(
    '/v1/sites/:site/profiles/targets',
    { schema: { params: siteParams, querystring: { type: 'object', properties: filters } } },
    async (request) => {
      const { kind: _kind, name: _name, id: _id, ...query } = request.query;
      return { targets: storage.targets({ site: request.params.site, ...query }) };
    },
  );

  app.get<Request<{ limit: number }>>(
    '/v1/sites/:site/profiles/functions',
    {
      schema: {
        params: siteParams,
        querystring: { type: 'object', properties: { ...filters, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } } },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const query = { site: request.params.site, ...filter };
      // Whole windows have exact per-function times; an attribution target has its listed stacks.
      const ranked =
        query.kind === 'window'
          ? rankFunctions({
              exact: storage.functions(query).map(({ release, frame, ...times }) => ({ frame: symbolicator.resolve(query.site, release, frame), ...times })),
            })
          : rankFunctions({ stacks: resolvedStacks(query) });
      return { functions: ranked.slice(0, limit) };
    },
  );

  app.get<Request<object>>(
    '/v1/sites/:site/profiles/tree',
    { schema: { params: siteParams, querystring: { type: 'object', properties: filters } } },
    async (request) => {
      const query = { site: request.params.site, ...request.query };
      const stacks = resolvedStacks(query);
      return { tree: toFlameTree(stacks, targetLabel(query)), estimated: stacks.some((stack) => stack.estimated) };
    },
  );

  app.get<Request<{ format: 'speedscope' | 'pprof' | 'folded' }>>(
    '/v1/sites/:site/profiles/export',
    {
      schema: {
        params: siteParams,
        querystring: {
          type: 'object',
          properties: { ...filters, format: { type: 'string', enum: ['speedscope', 'pprof', 'folded'] } },
          required: ['format'],
        },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const query = { site: request.params.site, ...filter };
      const stacks = resolvedStacks(query);
      const file = `pageprof-${query.site}-${query.kind}`;
      if (format === 'folded') {
        return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${file}.folded"`).send(toFolded(stacks));
      }
      if (format === 'pprof') {
        const durationMs = stacks.reduce((sum, stack) => sum + stack.ms, 0);
        return reply.type('application/octet-stream').header('content-disposition', `attachment; filename="${file}.pb.gz"`).send(toPprof(stacks, durationMs));
      }
      return reply.header('content-disposition', `attachment; filename="${file}.speedscope.json"`).send(toSpeedscope(stacks, targetLabel(query)));
    },
  );
}

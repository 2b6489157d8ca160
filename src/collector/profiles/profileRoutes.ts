import type { FastifyInstance } from 'fastify';
import { filterProperties } from '../../protocol/queryRoutes.js';
import type { Symbolicator } from './createSymbolicator.js';
import type { ProfileQuery, ProfileStorage } from '../storage/ProfileStorage.js';
import { TARGET_KINDS } from '../storage/ProfileStorage.js';
import { rankFunctions } from './rankFunctions.js';
import type { ResolvedStack } from './ResolvedStack.js';
import { toFlameTree } from './toFlameTree.js';
import { toFolded } from './toFolded.js';
import { toPprof } from './toPprof.js';
import { toSpeedscope } from './toSpeedscope.js';

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
const querystring = (extra: Record<string, unknown> = {}, required: string[] = []) => ({
  type: 'object',
  properties: { ...filters, ...extra },
  required,
  additionalProperties: false,
});
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
  const resolvedStacks = async (query: ProfileQuery): Promise<ResolvedStack[]> => {
    const stacks = storage.stacks(query);
    const frames = await symbolicator.resolve(query.site, stacks, (stack) => stack.frames);
    return stacks.map(({ release: _release, frames: _frames, ...sampled }, index) => ({ frames: frames[index] ?? [], ...sampled }));
  };
  const exactFunctions = async (query: ProfileQuery) => {
    const stored = storage.functions(query);
    const frames = await symbolicator.resolve(query.site, stored, (fn) => [fn.frame]);
    return stored.flatMap(({ release: _release, frame: _frame, ...times }, index) => {
      const frame = frames[index]?.[0];
      return frame ? [{ frame, ...times }] : [];
    });
  };

  app.get<Request<object>>(
    '/v1/sites/:site/profiles/targets',
    { schema: { querystring: querystring() } },
    async (request) => {
      const { kind: _kind, name: _name, id: _id, ...query } = request.query;
      return { targets: storage.targets({ ...query, site: request.params.site }) };
    },
  );

  app.get<Request<{ limit: number }>>(
    '/v1/sites/:site/profiles/functions',
    {
      schema: { querystring: querystring({ limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } }) },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const query = { ...filter, site: request.params.site };
      // Whole windows have exact per-function times; an attribution target has its listed stacks.
      const ranked =
        query.kind === 'window' ? rankFunctions({ exact: await exactFunctions(query) }) : rankFunctions({ stacks: await resolvedStacks(query) });
      return { functions: ranked.slice(0, limit) };
    },
  );

  app.get<Request<object>>(
    '/v1/sites/:site/profiles/tree',
    { schema: { querystring: querystring() } },
    async (request) => {
      const query = { ...request.query, site: request.params.site };
      const stacks = await resolvedStacks(query);
      return { tree: toFlameTree(stacks, targetLabel(query)), estimated: stacks.some((stack) => stack.estimated) };
    },
  );

  app.get<Request<{ format: 'speedscope' | 'pprof' | 'folded' }>>(
    '/v1/sites/:site/profiles/export',
    {
      schema: { querystring: querystring({ format: { type: 'string', enum: ['speedscope', 'pprof', 'folded'] } }, ['format']) },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const query = { ...filter, site: request.params.site };
      const stacks = await resolvedStacks(query);
      // Only letters, digits, '-' and '_' reach the header, whatever a site id or kind may come to allow.
      const file = `pageprof-${query.site}-${query.kind}`.replace(/[^\w-]/g, '_');
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

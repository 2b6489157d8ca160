import type { FastifyInstance } from 'fastify';
import { ProfileExportQuery } from '../../protocol/queryRoutes.js';
import { createProfileReader } from './createProfileReader.js';
import { serveRoutes } from '../query/serveRoutes.js';
import type { Symbolicator } from './createSymbolicator.js';
import type { ProfileQuery, ProfileStorage } from '../storage/ProfileStorage.js';
import { rankFunctions } from './rankFunctions.js';
import { toFlameTree } from './toFlameTree.js';
import { toFolded } from './toFolded.js';
import { toPprof } from './toPprof.js';
import { toSpeedscope } from './toSpeedscope.js';

/** How exports and flame graphs name what they show: `demo interaction click`. */
const targetLabel = (query: ProfileQuery) => `${query.site} ${query.kind}${query.name ? ` ${query.name}` : ''}`;

/**
 * The read side of profiles, under `/v1/sites/:site/profiles/` (where the read-token hook guards
 * every route): attribution targets, functions ranked by self time, the call tree a flame graph
 * draws, and exports of the same query as speedscope JSON, gzipped pprof or folded text. Frames
 * are symbolicated on the way out.
 */
export function profileRoutes(app: FastifyInstance, storage: ProfileStorage, symbolicator: Symbolicator): void {
  const reader = createProfileReader(storage, symbolicator);
  const resolvedStacks = reader.stacks;

  serveRoutes(app, {
    'profiles/targets': async (site, filters) => ({ targets: await storage.targets({ ...filters, site }) }),
    'profiles/functions': async (site, { limit, ...filters }) => {
      const query = { ...filters, site };
      // Whole windows have exact per-function times; an attribution target has its listed stacks.
      const ranked = query.kind === 'window' ? rankFunctions({ exact: await reader.functions(query) }) : rankFunctions({ stacks: await resolvedStacks(query) });
      return { functions: ranked.slice(0, limit) };
    },
    'profiles/tree': async (site, filters) => {
      const query = { ...filters, site };
      const stacks = await resolvedStacks(query);
      return { tree: toFlameTree(stacks, targetLabel(query)), estimated: stacks.some((stack) => stack.estimated) };
    },
  });

  app.get<{ Params: { site: string }; Querystring: ProfileExportQuery }>(
    '/v1/sites/:site/profiles/export',
    { schema: { querystring: ProfileExportQuery } },
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

import type { FastifyInstance } from 'fastify';
import type { VerdictRule } from '../../protocol/queryRoutes.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import { serveRoutes } from '../query/serveRoutes.js';
import type { Storage } from '../storage/Storage.js';
import { compareReleases } from './compareReleases.js';
import { findRegressions } from './findRegressions.js';

/**
 * `GET /v1/sites/:site/compare?base=R1&head=R2`: two releases side by side, with verdicts
 * (compareReleases); `…/regressions`: each recent release against the one before it.
 */
export function compareRoutes(
  app: FastifyInstance,
  storage: Storage,
  profiles: ProfileReader,
  { rule, minViews }: { rule: VerdictRule; minViews: number },
): void {
  serveRoutes(app, {
    compare: async (site, query) => compareReleases(storage, profiles, site, query, rule),
    regressions: async (site, { limit }) => ({ regressions: await findRegressions(storage, profiles, site, { rule, minViews, limit }) }),
  });
}

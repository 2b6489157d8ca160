import type { FastifyInstance } from 'fastify';
import type { VerdictRule } from '../../protocol/queryRoutes.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import { serveRoutes } from '../query/serveRoutes.js';
import type { Storage } from '../storage/Storage.js';
import { compareReleases } from './compareReleases.js';

/** `GET /v1/sites/:site/compare?base=R1&head=R2`: two releases side by side, with verdicts (compareReleases). */
export function compareRoutes(app: FastifyInstance, storage: Storage, profiles: ProfileReader, rule: VerdictRule): void {
  serveRoutes(app, {
    compare: async (site, query) => compareReleases(storage, profiles, site, query, rule),
  });
}

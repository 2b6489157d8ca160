import type { FastifyInstance } from 'fastify';
import { createSymbolicator } from './createSymbolicator.js';
import { profileRoutes } from './profileRoutes.js';
import type { ProfileStorage } from './ProfileStorage.js';
import { sourceMapRoute } from './sourceMapRoute.js';

/** The collector's profile side: source-map uploads (write key) and the query and export routes (read side). */
export function registerProfiles(app: FastifyInstance, storage: ProfileStorage, writeKeyOf: (site: string) => string | undefined): void {
  const symbolicator = createSymbolicator(storage);
  sourceMapRoute(app, storage, symbolicator, writeKeyOf);
  profileRoutes(app, storage, symbolicator);
}

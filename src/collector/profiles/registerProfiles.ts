import type { FastifyInstance } from 'fastify';
import { createSymbolicator } from './createSymbolicator.js';
import { profileRoutes } from './profileRoutes.js';
import type { ProfileStorage } from './ProfileStorage.js';
import { sourceMapRoute } from './sourceMapRoute.js';

/** The collector's profile side: source-map uploads and the query and export routes, all with the site's read token. */
export function registerProfiles(app: FastifyInstance, storage: ProfileStorage, isReadToken: (site: string, token: string) => boolean): void {
  const symbolicator = createSymbolicator(storage);
  sourceMapRoute(app, storage, symbolicator, isReadToken);
  profileRoutes(app, storage, symbolicator);
}
